import type { AuthContext } from "./context";
import { GoTrueError } from "./errors";
import { actionLink, renderMail, type EmailAction } from "./mail-templates";
import { issueOneTimeToken, secondsSinceLastSent, type OneTimeTokenType } from "./one-time-tokens";
import { isRedirectUrlValid } from "./redirect";
import type { Db, UserRow } from "./store";

const TOKEN_TYPE: Record<EmailAction, OneTimeTokenType> = {
  signup: "confirmation_token",
  recovery: "recovery_token",
  magiclink: "recovery_token", // GoTrue's sendMagicLink reuses the recovery token
};

const SEND_FAILED: Record<EmailAction, string> = {
  signup: "Error sending confirmation email",
  recovery: "Error sending recovery email",
  magiclink: "Error sending magic link email",
};

/**
 * GoTrue's sendConfirmation / sendPasswordRecovery / sendMagicLink (internal/api/mail.go): refuses
 * a second mail of the kind within the send frequency (429 over_email_send_rate_limit), stores a new
 * token (in `db`, the caller's transaction, so a failed send leaves nothing) and mails its link.
 */
export async function sendActionMail(
  ctx: AuthContext,
  db: Db,
  m: { user: UserRow; action: EmailAction; redirectTo: string; pkce: boolean },
): Promise<void> {
  const email = m.user.email ?? "";
  const type = TOKEN_TYPE[m.action];
  const age = await secondsSinceLastSent(db, m.user.id, type);
  if (age !== undefined && age < ctx.mailMaxFrequencySeconds) {
    const wait = Math.max(1, Math.ceil(ctx.mailMaxFrequencySeconds - age));
    throw new GoTrueError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${wait} seconds.`);
  }
  const { otp, tokenHash } = await issueOneTimeToken(db, { userId: m.user.id, email, type, pkce: m.pkce });
  const redirect = isRedirectUrlValid(m.redirectTo, ctx.siteUrl, ctx.redirectAllowList) ? m.redirectTo : null;
  const message = renderMail(m.action, email, actionLink(redirect, ctx.siteUrl, tokenHash, m.action), otp);
  try {
    await ctx.mailer.send(message);
  } catch (e) {
    console.error("[auth] mail delivery failed", e);
    throw new GoTrueError(500, "unexpected_failure", SEND_FAILED[m.action]);
  }
}
