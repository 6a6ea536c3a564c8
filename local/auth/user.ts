import type { IncomingMessage } from "node:http";
import { authenticate } from "./authenticate";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest, forbidden, unprocessable } from "./errors";
import { obj, optionalStr, readParams, str } from "./params";
import { checkPasswordStrength, hashPassword, verifyPassword } from "./password";
import { clearAllOneTimeTokens } from "./one-time-tokens";
import { deleteSessions, findUserByEmail, updateUser } from "./store";
import { userJson } from "./user-json";

/** GET /user (UserGet in internal/api/user.go). */
export async function getUser(ctx: AuthContext, req: IncomingMessage) {
  const { claims, user } = await authenticate(ctx, req);
  const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  if (aud !== (user.aud ?? "authenticated")) {
    throw badRequest("validation_failed", "Token audience doesn't match request audience");
  }
  return userJson(user);
}

/**
 * PUT /user (UserUpdate in internal/api/user.go): password, email and user_metadata (`data`, merged;
 * null deletes a key). A new password signs the user out of every other session. With no mailer
 * here, an email change applies at once (GoTrue would mail a confirmation and keep it in new_email).
 */
export async function updateCurrentUser(ctx: AuthContext, req: IncomingMessage) {
  const { user, session } = await authenticate(ctx, req);
  const params = await readParams(req);

  const emailParam = str(params, "email");
  const email = emailParam === "" ? "" : validateEmail(emailParam);
  const password = optionalStr(params, "password");
  if (password !== undefined) checkPasswordStrength(password);
  const data = obj(params, "data");
  if (obj(params, "app_metadata") !== undefined) {
    throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  }

  const changingEmail = email !== "" && email !== user.email;
  if (changingEmail) {
    const other = await findUserByEmail(ctx.sql, email);
    if (other && other.id !== user.id) {
      throw unprocessable("email_exists", "A user with this email address has already been registered");
    }
  }

  let encryptedPassword: string | undefined;
  if (password !== undefined) {
    if (password !== "" && (await verifyPassword(password, user.encrypted_password))) {
      throw unprocessable("same_password", "New password should be different from the old password.");
    }
    encryptedPassword = await hashPassword(password);
  }

  let userMetadata: Record<string, unknown> | undefined;
  if (data) {
    userMetadata = { ...(user.raw_user_meta_data ?? {}) };
    for (const [k, v] of Object.entries(data)) {
      if (v === null) delete userMetadata[k];
      else userMetadata[k] = v;
    }
  }

  const now = new Date();
  const updated = await ctx.sql.begin(async (tx) => {
    if (encryptedPassword !== undefined) {
      // User.UpdatePassword (internal/models/user.go): links mailed before the change stop working.
      await clearAllOneTimeTokens(tx, user.id, { resetMailClocks: true });
      await deleteSessions(tx, session ? { kind: "others", userId: user.id, sessionId: session.id } : { kind: "global", userId: user.id });
    }
    try {
      return await updateUser(tx, user.id, { email: changingEmail ? email : undefined, encryptedPassword, userMetadata, now });
    } catch (e) {
      if ((e as { code?: string }).code === "23505") {
        throw unprocessable("email_exists", "A user with this email address has already been registered");
      }
      throw e;
    }
  });
  return userJson(updated ?? user);
}
