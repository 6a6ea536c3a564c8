import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { badRequest, unprocessable } from "./errors";
import { readParams, str } from "./params";
import { passwordWeakness, verifyPassword } from "./password";
import { startSession } from "./session";
import { findUserByEmail } from "./store";

const INVALID_LOGIN = "Invalid login credentials";

/** POST /token?grant_type=password (ResourceOwnerPasswordGrant in internal/api/token.go). */
export async function passwordGrant(ctx: AuthContext, req: IncomingMessage) {
  const params = await readParams(req);
  const email = str(params, "email");
  const phone = str(params, "phone");
  const password = str(params, "password");

  if (email !== "" && phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on login.");
  }
  if (phone !== "") throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  if (email === "") throw badRequest("validation_failed", "missing email or phone");

  const user = await findUserByEmail(ctx.sql, email);
  // verifyPassword spends the same time on a missing user or hash, so timing does not reveal accounts.
  const valid = await verifyPassword(password, user?.encrypted_password);
  if (!user || !valid) throw badRequest("invalid_credentials", INVALID_LOGIN);
  if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");

  const now = new Date();
  const session = await ctx.sql.begin((tx) => startSession(ctx, tx, user, now));
  // GoTrue signs the user in but reports a password that no longer meets the policy.
  const weak = passwordWeakness(password);
  return weak ? { ...session, weak_password: weak } : session;
}
