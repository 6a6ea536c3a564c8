import type { MailMessage } from "./mailer";
import { goQueryEscape } from "./redirect-url";

export type EmailAction = "signup" | "recovery" | "magiclink";

/** Which link a mail carries: the app's /auth/confirm with token_hash, or GoTrue's own /verify. */
export const MAIL_LINKS = ["token_hash", "confirmation_url"] as const;
export type MailLink = (typeof MAIL_LINKS)[number];

/** AUTH_MAIL_LINK: token_hash unless set; anything else but the two names is refused. */
export function parseMailLink(value: string | undefined): MailLink {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "") return "token_hash";
  if ((MAIL_LINKS as readonly string[]).includes(v)) return v as MailLink;
  throw new Error(`AUTH_MAIL_LINK must be ${MAIL_LINKS.join(" or ")}, got "${value}"`);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The link a mail carries. Supabase's server-side-auth templates point at the app, not at GoTrue:
 * `{{ .RedirectTo }}` with `token_hash={{ .TokenHash }}&type=…` (template variables of
 * supabase/auth internal/mailer/templatemailer/templatemailer.go: SiteURL, ConfirmationURL, Email,
 * Token, TokenHash, Data, RedirectTo). Without a usable redirect the link goes to
 * `{{ .SiteURL }}/auth/confirm`, the route the shop serves.
 */
export function actionLink(redirectTo: string | null, siteUrl: string, tokenHash: string, type: EmailAction): string {
  const link = new URL(redirectTo ?? `${siteUrl.replace(/\/$/, "")}/auth/confirm`);
  link.searchParams.set("token_hash", tokenHash);
  link.searchParams.set("type", type);
  return link.toString();
}

/**
 * `{{ .ConfirmationURL }}`, the link of Supabase's default templates: GoTrue's /verify under its
 * external URL, `?token={{ token }}&type=…&redirect_to=…` (getPath and encodeRedirectURL in
 * supabase/auth internal/mailer/templatemailer/templatemailer.go; the token is the hash, with the
 * `pkce_` prefix for a PKCE flow). `redirectTo` is the request's allowed redirect or the site URL
 * (utilities.GetReferrer); it is escaped only when it holds &, = or #, as upstream does.
 */
export function confirmationUrl(apiUrl: string, tokenHash: string, type: EmailAction, redirectTo: string): string {
  const redirect = /[&=#]/.test(redirectTo) ? goQueryEscape(redirectTo) : redirectTo;
  return `${apiUrl}/verify?token=${goQueryEscape(tokenHash)}&type=${goQueryEscape(type)}&redirect_to=${redirect}`;
}

const CONTENT: Record<EmailAction, { subject: string; heading: string; intro: string; button: string }> = {
  // Subjects and wording follow GoTrue's defaults (templatemailer.go).
  signup: { subject: "Confirm Your Email", heading: "Confirm your email address", intro: "Follow this link to confirm your email address:", button: "Confirm your email address" },
  recovery: { subject: "Reset Your Password", heading: "Reset your password", intro: "Follow this link to reset the password for your user:", button: "Reset password" },
  magiclink: { subject: "Your Magic Link", heading: "Magic Link", intro: "Follow this link to login:", button: "Log In" },
};

export function renderMail(action: EmailAction, to: string, link: string, otp: string): MailMessage {
  const c = CONTENT[action];
  const html =
    `<h2>${escapeHtml(c.heading)}</h2>\n<p>${escapeHtml(c.intro)}</p>\n` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(c.button)}</a></p>\n` +
    `<p>Alternatively, enter the code: ${escapeHtml(otp)}</p>`;
  const text = `${c.heading}\n\n${c.intro}\n${link}\n\nAlternatively, enter the code: ${otp}\n`;
  return { to, subject: c.subject, html, text };
}
