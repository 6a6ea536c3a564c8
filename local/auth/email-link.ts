import type { AuthContext } from "./context";
import { clearAllOneTimeTokens, consumeOneTimeToken, type OneTimeTokenType } from "./one-time-tokens";
import { confirmUser, findUserByEmail, findUserById, type Db, type UserRow } from "./store";

/** Which stored token each verification type may use (verifyTokenHash in internal/api/verify.go). */
export const LINK_TOKEN_TYPES: Record<string, readonly OneTimeTokenType[]> = {
  email: ["confirmation_token", "recovery_token"],
  signup: ["confirmation_token"],
  invite: ["confirmation_token"],
  recovery: ["recovery_token"],
  magiclink: ["recovery_token"],
};

/**
 * What POST and GET /verify share (verifyTokenHash, then signupVerify or recoverVerify): the token is
 * used up and the user's email confirmed (a recovery or magic link confirms an unconfirmed user too).
 * Every other link and code of the user dies with it: User.Confirm and User.Recover both end in
 * ClearAllOneTimeTokensForUser (supabase/auth internal/models/user.go), so a recovery link mailed
 * before the sign-up link was used no longer works, nor the other way round.
 * `email`, for a typed code, must be the address the code was sent to. Answers the user and the kind
 * of token used, or undefined when the token is
 * unknown, used or expired; an expired token is deleted all the same once the caller commits.
 */
export async function redeemEmailLink(
  ctx: AuthContext,
  tx: Db,
  link: { tokenHash: string; types: readonly OneTimeTokenType[]; email?: string },
  now: Date,
): Promise<{ user: UserRow; tokenType: OneTimeTokenType } | undefined> {
  const used = await consumeOneTimeToken(tx, link.tokenHash, link.types, ctx.mailerOtpExpSeconds);
  if (!used) return undefined;
  const user = await findUserById(tx, used.userId);
  if (!user) return undefined;
  if (link.email !== undefined && (await findUserByEmail(tx, link.email))?.id !== user.id) return undefined;
  const confirmed = user.email_confirmed_at ? user : ((await confirmUser(tx, user.id, now)) ?? user);
  await clearAllOneTimeTokens(tx, user.id, { resetMailClocks: false });
  return { user: confirmed, tokenType: used.type };
}
