import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest, unprocessable } from "./errors";
import { obj, readParams, str } from "./params";
import { checkPasswordStrength, hashPassword } from "./password";
import { readPkceParams } from "./pkce";
import { sendActionMail } from "./send-mail";
import { startSession } from "./session";
import { findUserByEmail, insertUser, type UserRow } from "./store";
import { userJson } from "./user-json";

/**
 * POST /signup (internal/api/signup.go), email provider only, anonymous sign-ins off.
 * Autoconfirm on (Supabase local's `enable_confirmations = false`): the user is confirmed and the
 * answer is a session. Autoconfirm off (hosted Supabase's default): the user is created unconfirmed,
 * a confirmation mail is sent and the answer is the user alone; an address already registered
 * answers a look-alike user (sanitizeUser), so sign-up does not reveal who has an account.
 */
export async function signup(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams) {
  const params = await readParams(req);
  const email = str(params, "email");
  const phone = str(params, "phone");
  const password = str(params, "password");
  const data = obj(params, "data") ?? {};
  const redirectTo = query.get("redirect_to") ?? "";

  if (email === "" && phone === "") throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  if (password === "") throw badRequest("validation_failed", "Signup requires a valid password");
  checkPasswordStrength(password);
  if (email !== "" && phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on signup.");
  }
  // validateSignupParams (internal/api/signup.go) checks PKCE before the provider.
  if (phone !== "" && str(params, "code_challenge") !== "") throw badRequest("validation_failed", "PKCE not supported for phone signups");
  const pkce = readPkceParams(params);
  if (phone !== "") throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  const normalized = validateEmail(email);
  const autoconfirm = ctx.mailerAutoconfirm;

  const alreadyRegistered = () => unprocessable("user_already_exists", "User already registered");
  const existing = await findUserByEmail(ctx.sql, normalized);
  if (existing) {
    if (autoconfirm) throw alreadyRegistered();
    if (existing.email_confirmed_at) return lookAlikeUser(normalized, data);
    // GoTrue does not update an unconfirmed user (their identity is unproven) but mails them again.
    await ctx.sql.begin((tx) => sendActionMail(ctx, tx, { user: existing, action: "signup", redirectTo, pkce }));
    return userJson(existing);
  }

  // Hash outside the transaction: it is the slow part.
  const encryptedPassword = await hashPassword(password);
  const now = new Date();
  return ctx.sql.begin(async (tx) => {
    // Confirming the email merges email_verified into user_metadata (models.User.Confirm).
    const userMetadata = autoconfirm ? { ...data, email_verified: true } : data;
    const user = await insertUser(tx, { email: normalized, encryptedPassword, userMetadata, confirmed: autoconfirm, now });
    if (!user) throw alreadyRegistered();
    if (autoconfirm) return startSession(ctx, tx, user, now);
    await sendActionMail(ctx, tx, { user, action: "signup", redirectTo, pkce });
    return userJson(user);
  });
}

/** GoTrue's sanitizeUser: a fresh id, no confirmation, no identities, the caller's own data. */
function lookAlikeUser(email: string, data: Record<string, unknown>) {
  const now = new Date();
  const fake: UserRow = {
    id: crypto.randomUUID(),
    aud: "authenticated",
    role: "",
    email,
    encrypted_password: null,
    email_confirmed_at: null,
    last_sign_in_at: null,
    raw_app_meta_data: { provider: "email", providers: ["email"] },
    raw_user_meta_data: data,
    created_at: now,
    updated_at: now,
  };
  return { ...userJson(fake), identities: [] };
}
