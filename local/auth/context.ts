import type { SigningKey } from "./keys";
import type { MailLink } from "./mail-templates";
import type { Mailer } from "./mailer";
import type { Sql } from "./store";

/** What every handler needs: the database, the signing key and the token and mail policy. */
export interface AuthContext {
  sql: Sql;
  key: SigningKey;
  /** `iss` of access tokens: `${url}/auth/v1`. */
  issuer: string;
  accessTokenTtlSeconds: number;
  /** GoTrue's GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL (seconds a revoked refresh token may still be used). */
  refreshTokenReuseIntervalSeconds: number;
  /** GOTRUE_MAILER_AUTOCONFIRM; switchable at run time through the local control endpoint (local/auth/local-config.ts). */
  mailerAutoconfirm: boolean;
  /** GOTRUE_SITE_URL: where mail links go when the client names no (allowed) redirect. */
  siteUrl: string;
  /** GOTRUE_URI_ALLOW_LIST (Supabase's additional_redirect_urls). */
  redirectAllowList: string[];
  /** GOTRUE_MAILER_OTP_EXP: lifetime of mailed links and codes, seconds. */
  mailerOtpExpSeconds: number;
  /** GOTRUE_SMTP_MAX_FREQUENCY: minimum seconds between two mails of one kind to one user. */
  mailMaxFrequencySeconds: number;
  /** Which link mails carry (local/auth/mail-templates.ts); switchable at run time like mailerAutoconfirm. */
  mailLink: MailLink;
  mailer: Mailer;
  /** The service role key: the only credential the local control endpoint accepts. */
  serviceRoleKey: string;
}
