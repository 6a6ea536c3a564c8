import type { AuthContext } from "./context";
import { GoTrueError } from "./errors";
import { createFlowState } from "./flow-state";
import { actionLink, confirmationUrl, renderMail, type EmailAction } from "./mail-templates";
import { frequencyLimitSecondsLeft, issueOneTimeToken, markMailSent, type OneTimeTokenType } from "./one-time-tokens";
import type { LinkAuthenticationMethod, PkceParams } from "./pkce";
import { isRedirectUrlValid } from "./redirect";
import type { Db, UserRow } from "./store";

const TOKEN_TYPE: Record<EmailAction, OneTimeTokenType> = {
  signup: "confirmation_token",
  recovery: "recovery_token",
  magiclink: "recovery_token", // GoTrue's sendMagicLink reuses the recovery token
};

/**
 * The flow state each mail of a PKCE client opens (generateFlowState calls in internal/api/signup.go,
 * recover.go and magic_link.go): provider type and authentication method.
 */
const FLOW: Record<EmailAction, { providerType: string; authenticationMethod: LinkAuthenticationMethod }> = {
  signup: { providerType: "email", authenticationMethod: "email/signup" },
  recovery: { providerType: "recovery", authenticationMethod: "recovery" },
  magiclink: { providerType: "magiclink", authenticationMethod: "magiclink" },
};

const SEND_FAILED: Record<EmailAction, string> = {
  signup: "Error sending confirmation email",
  recovery: "Error sending recovery email",
  magiclink: "Error sending magic link email",
};

/**
 * GoTrue's sendConfirmation / sendPasswordRecovery / sendMagicLink (internal/api/mail.go): refuses
 * a second mail of the kind within the send frequency (429 over_email_send_rate_limit), stores a new
 * token and, for a PKCE client, a flow state (in `db`, the caller's transaction, so a failed send
 * leaves nothing) and mails its link.
 */
export async function sendActionMail(
  ctx: AuthContext,
  db: Db,
  m: { user: UserRow; action: EmailAction; redirectTo: string; pkce: PkceParams | null },
): Promise<void> {
  const email = m.user.email ?? "";
  const type = TOKEN_TYPE[m.action];
  // The clock is the user's *_sent_at, not the token: it keeps running after the link is used.
  const left = await frequencyLimitSecondsLeft(db, m.user.id, type, ctx.mailMaxFrequencySeconds);
  if (left !== undefined) {
    throw new GoTrueError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${left} seconds.`);
  }
  if (m.pkce) await createFlowState(db, { userId: m.user.id, ...FLOW[m.action], pkce: m.pkce });
  const { otp, tokenHash } = await issueOneTimeToken(db, { userId: m.user.id, email, type, pkce: m.pkce !== null });
  await markMailSent(db, m.user.id, type);
  const redirect = isRedirectUrlValid(m.redirectTo, ctx.siteUrl, ctx.redirectAllowList) ? m.redirectTo : null;
  const link =
    ctx.mailLink === "confirmation_url"
      ? confirmationUrl(ctx.issuer, tokenHash, m.action, redirect ?? ctx.siteUrl)
      : actionLink(redirect, ctx.siteUrl, tokenHash, m.action);
  const message = renderMail(m.action, email, link, otp);
  try {
    await ctx.mailer.send(message);
  } catch (e) {
    console.error("[auth] mail delivery failed", e);
    throw new GoTrueError(500, "unexpected_failure", SEND_FAILED[m.action]);
  }
}
