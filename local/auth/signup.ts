import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest, unprocessable } from "./errors";
import { obj, readParams, str } from "./params";
import { checkPasswordStrength, hashPassword } from "./password";
import { startSession } from "./session";
import { findUserByEmail, insertUser } from "./store";

/**
 * POST /signup (internal/api/signup.go) with Supabase local's defaults: email provider only,
 * autoconfirm on (`enable_confirmations = false`), anonymous sign-ins off. A sign-up answers a session.
 */
export async function signup(ctx: AuthContext, req: IncomingMessage) {
  const params = await readParams(req);
  const email = str(params, "email");
  const phone = str(params, "phone");
  const password = str(params, "password");
  const data = obj(params, "data") ?? {};

  if (email === "" && phone === "") throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  if (password === "") throw badRequest("validation_failed", "Signup requires a valid password");
  checkPasswordStrength(password);
  if (email !== "" && phone !== "") {
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on signup.");
  }
  if (phone !== "") throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  const normalized = validateEmail(email);

  const alreadyRegistered = () => unprocessable("user_already_exists", "User already registered");
  if (await findUserByEmail(ctx.sql, normalized)) throw alreadyRegistered();

  // Hash outside the transaction: it is the slow part.
  const encryptedPassword = await hashPassword(password);
  const now = new Date();
  return ctx.sql.begin(async (tx) => {
    // Confirming the email merges email_verified into user_metadata (models.User.Confirm).
    const user = await insertUser(tx, { email: normalized, encryptedPassword, userMetadata: { ...data, email_verified: true }, now });
    if (!user) throw alreadyRegistered();
    return startSession(ctx, tx, user, now);
  });
}
