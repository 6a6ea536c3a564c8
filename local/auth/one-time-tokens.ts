import crypto from "node:crypto";
import { PKCE_PREFIX } from "./pkce";
import type { Db } from "./store";

export type OneTimeTokenType = "confirmation_token" | "recovery_token";

const OTP_LENGTH = 6; // GoTrue's GOTRUE_MAILER_OTP_LENGTH default

/** GoTrue's crypto.GenerateOtp: a random string of decimal digits. */
export function newOtp(): string {
  let otp = "";
  for (let i = 0; i < OTP_LENGTH; i++) otp += String(crypto.randomInt(10));
  return otp;
}

/** GoTrue's crypto.GenerateTokenHash: hex(sha224(email + otp)), the `{{ .TokenHash }}` of a mail. */
export function tokenHashFor(email: string, otp: string): string {
  return crypto.createHash("sha224").update(email + otp).digest("hex");
}

/**
 * What the database keeps. GoTrue stores the token hash itself, so a read of auth.users or
 * auth.one_time_tokens yields working links; the stand-in keeps a sha256 of it instead, so only
 * the mail's holder can use the link. A PKCE flow's `pkce_` prefix is not part of the secret.
 */
function storedDigest(tokenHash: string): string {
  const bare = tokenHash.startsWith(PKCE_PREFIX) ? tokenHash.slice(PKCE_PREFIX.length) : tokenHash;
  return crypto.createHash("sha256").update(bare.toLowerCase()).digest("hex");
}

/**
 * A fresh token for the user, replacing any earlier one of the same type (GoTrue keeps one per user
 * and type: unique (user_id, token_type)). Answers the OTP and the token hash the mail carries.
 */
export async function issueOneTimeToken(
  db: Db,
  // A PKCE flow's token carries the prefix (addFlowPrefixToToken in internal/api/pkce.go).
  t: { userId: string; email: string; type: OneTimeTokenType; pkce: boolean },
): Promise<{ otp: string; tokenHash: string }> {
  const otp = newOtp();
  const hash = tokenHashFor(t.email, otp);
  await db`
    insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
    values (${crypto.randomUUID()}, ${t.userId}, ${t.type}, ${storedDigest(hash)}, ${t.email}, now(), now())
    on conflict (user_id, token_type) do update
      set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`;
  return { otp, tokenHash: t.pkce ? `${PKCE_PREFIX}${hash}` : hash };
}

/**
 * Uses up a token: deleted whether fresh or expired, so it works once at most, even under
 * concurrent requests (the second delete finds nothing). `undefined` when unknown, used or expired.
 */
export async function consumeOneTimeToken(
  db: Db,
  tokenHash: string,
  types: readonly OneTimeTokenType[],
  ttlSeconds: number,
): Promise<{ userId: string; type: OneTimeTokenType } | undefined> {
  const [row] = await db<{ user_id: string; token_type: OneTimeTokenType; fresh: boolean }[]>`
    delete from auth.one_time_tokens
    where token_hash = ${storedDigest(tokenHash)} and token_type::text = any(${db.array([...types])}::text[])
    returning user_id, token_type, created_at > now() - make_interval(secs => ${ttlSeconds}) as fresh`;
  return row?.fresh ? { userId: row.user_id, type: row.token_type } : undefined;
}

/** The auth.users column that times each kind of mail (models.User ConfirmationSentAt, RecoverySentAt). */
const SENT_AT = { confirmation_token: "confirmation_sent_at", recovery_token: "recovery_sent_at" } as const;

/**
 * validateSentWithinFrequencyLimit (supabase/auth internal/api/mail.go): whole seconds left (Go's
 * Duration / time.Second truncates) before another mail of this kind may go to the user, or
 * undefined when one may go now. A plain read, as upstream's: locking the user here would take the
 * user before the token, the reverse of verification's order (token, then user), and deadlock them.
 */
export async function frequencyLimitSecondsLeft(
  db: Db,
  userId: string,
  type: OneTimeTokenType,
  maxFrequencySeconds: number,
): Promise<number | undefined> {
  const [row] = await db<{ left: number | null }[]>`
    select extract(epoch from ${db(SENT_AT[type])} + make_interval(secs => ${maxFrequencySeconds}) - now())::float8 as left
    from auth.users where id = ${userId}`;
  const left = row?.left;
  return left !== null && left !== undefined && left > 0 ? Math.trunc(left) : undefined;
}

/** Starts the clock of a mail just sent (sendConfirmation / sendPasswordRecovery / sendMagicLink set *_sent_at). */
export async function markMailSent(db: Db, userId: string, type: OneTimeTokenType): Promise<void> {
  await db`update auth.users set ${db(SENT_AT[type])} = now() where id = ${userId}`;
}

/**
 * models.ClearAllOneTimeTokensForUser: every link and code of the user stops working. GoTrue calls
 * it when a link is verified (User.Confirm, User.Recover) and when the password changes
 * (User.UpdatePassword, which also stops both mail clocks); see internal/models/user.go.
 */
export async function clearAllOneTimeTokens(db: Db, userId: string, opts: { resetMailClocks: boolean }): Promise<void> {
  await db`delete from auth.one_time_tokens where user_id = ${userId}`;
  if (opts.resetMailClocks) {
    await db`update auth.users set confirmation_sent_at = null, recovery_sent_at = null where id = ${userId}`;
  }
}
