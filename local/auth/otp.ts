import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest, unprocessable } from "./errors";
import { obj, readParams, str } from "./params";
import { hashPassword } from "./password";
import { readPkceParams } from "./pkce";
import { sendActionMail } from "./send-mail";
import { findUserByEmail, insertUser } from "./store";

/**
 * POST /otp for email (Otp → MagicLink in internal/api/otp.go and magic_link.go): an existing user
 * gets a magic link; an unknown address, with `create_user` (the default), becomes an unconfirmed
 * user who gets a sign-up confirmation, whose link signs them in. Phone OTP is disabled.
 */
export async function otp(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams) {
  const params = await readParams(req);
  const emailParam = str(params, "email");
  const pkce = readPkceParams(params);
  if (str(params, "phone") !== "") throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  if (emailParam === "") throw badRequest("validation_failed", "One of email or phone must be set");
  const email = validateEmail(emailParam);
  const createUser = params.create_user === undefined || params.create_user === null ? true : params.create_user === true;
  const data = obj(params, "data") ?? {};
  const redirectTo = query.get("redirect_to") ?? "";

  const existing = await findUserByEmail(ctx.sql, email);
  if (existing) {
    const action = existing.email_confirmed_at ? "magiclink" : "signup";
    await ctx.sql.begin((tx) => sendActionMail(ctx, tx, { user: existing, action, redirectTo, pkce }));
    return {};
  }
  if (!createUser) throw unprocessable("otp_disabled", "Signups not allowed for otp");
  // A passwordless user: GoTrue stores a random password for them.
  const encryptedPassword = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  await ctx.sql.begin(async (tx) => {
    const user = await insertUser(tx, { email, encryptedPassword, userMetadata: data, confirmed: false, now: new Date() });
    if (!user) throw unprocessable("user_already_exists", "User already registered");
    await sendActionMail(ctx, tx, { user, action: "signup", redirectTo, pkce });
  });
  return {};
}
