import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest, forbidden, unprocessable } from "./errors";
import { LINK_TOKEN_TYPES, redeemEmailLink } from "./email-link";
import { tokenHashFor } from "./one-time-tokens";
import { readParams, str } from "./params";
import { startSession } from "./session";

/**
 * POST /verify (verifyPost in supabase/auth internal/api/verify.go): `token_hash` + `type`, or
 * `email` + `token` (the mailed code) + `type`. The token is used up, the user's email confirmed
 * (a recovery or magic link confirms an unconfirmed user too, as recoverVerify does) and a session
 * issued. An unknown, used or expired token is 403 otp_expired.
 */
export async function verify(ctx: AuthContext, req: IncomingMessage) {
  const params = await readParams(req);
  const type = str(params, "type");
  const token = str(params, "token");
  const email = str(params, "email");
  const phone = str(params, "phone");
  let tokenHash = str(params, "token_hash");

  if (type === "") throw badRequest("validation_failed", "Verify requires a verification type");
  if ((token === "" && tokenHash === "") || (token !== "" && tokenHash !== "")) {
    throw badRequest("validation_failed", "Verify requires either a token or a token hash");
  }
  const usingOtp = token !== "";
  if (usingOtp) {
    if (phone !== "" || email === "") {
      throw badRequest("validation_failed", "Only an email address or phone number should be provided on verify");
    }
    let normalized: string;
    try {
      normalized = validateEmail(email);
    } catch {
      throw unprocessable("validation_failed", "Invalid email format");
    }
    tokenHash = tokenHashFor(normalized, token.replaceAll("-", ""));
  } else if (email !== "" || phone !== "" || str(params, "redirect_to") !== "") {
    throw badRequest("validation_failed", "Only the token_hash and type should be provided");
  }
  const types = LINK_TOKEN_TYPES[type];
  if (!types) {
    if (type === "sms" || type === "phone_change") throw badRequest("phone_provider_disabled", "Phone logins are disabled");
    throw badRequest("validation_failed", usingOtp ? "Unsupported verification type" : "Invalid email verification type");
  }

  const invalid = () =>
    forbidden("otp_expired", usingOtp ? "Token has expired or is invalid" : "Email link is invalid or has expired");
  const now = new Date();
  const outcome = await ctx.sql.begin(async (tx) => {
    // A code is only good for the address it was sent to.
    const redeemed = await redeemEmailLink(ctx, tx, { tokenHash, types, email: usingOtp ? email : undefined }, now);
    return redeemed && startSession(ctx, tx, redeemed.user, now);
  });
  // An expired token is deleted all the same: commit, then answer the error (storage.NewCommitWithError).
  if (!outcome) throw invalid();
  return outcome;
}
