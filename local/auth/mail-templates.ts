import type { MailMessage } from "./mailer";

export type EmailAction = "signup" | "recovery" | "magiclink";

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
