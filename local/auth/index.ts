import http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import type { AuthContext } from "./context";
import { loadOrCreateSigningKey } from "./keys";
import type { MailLink } from "./mail-templates";
import { httpMailer, logMailer } from "./mailer";
import { createRouter } from "./router";
import { ensureStandInSchema } from "./schema";

export interface AuthServerOptions {
  databaseUrl: string;
  /** Default 54321; 0 picks a free port. */
  port?: number;
  host?: string;
  anonKey?: string;
  serviceRoleKey?: string;
  /** Keeps the ES256 private JWK here so tokens survive restarts; absent → a key for this process only. */
  signingKeyFile?: string;
  /** Default 3600 (Supabase's jwt_expiry). */
  accessTokenTtlSeconds?: number;
  /** Default 10 (Supabase's refresh_token_reuse_interval); 0 refuses any reuse of a rotated token. */
  refreshTokenReuseIntervalSeconds?: number;
  /** One line per request on stdout. */
  log?: boolean;
  /** GOTRUE_MAILER_AUTOCONFIRM. Default true: sign-ups are confirmed at once (Supabase local's enable_confirmations = false). */
  autoconfirm?: boolean;
  /** GOTRUE_SITE_URL. Default http://127.0.0.1:3000 (supabase/config.toml site_url). */
  siteUrl?: string;
  /** GOTRUE_URI_ALLOW_LIST: further allowed redirect_to prefixes. */
  redirectAllowList?: string[];
  /**
   * The link mails carry: "token_hash" (default), the app's /auth/confirm with token_hash and type, as
   * Supabase's server-side-auth templates do; "confirmation_url", `{{ .ConfirmationURL }}` of
   * Supabase's default templates, this server's GET /auth/v1/verify.
   */
  mailLink?: MailLink;
  /** Base URL of the local mail catcher (local/mail); absent → mails are printed on stdout. */
  mailCatcherUrl?: string;
  /**
   * GOTRUE_MAILER_OTP_EXP. Default 3600, what Supabase runs: the CLI starts GoTrue with
   * `auth.email.otp_expiry`, whose default (supabase/cli pkg/config/templates/config.toml, merged under
   * every project's config.toml by mergeDefaultValues in pkg/config/config.go) is 3600, as is hosted
   * Supabase's. GoTrue's bare-binary fallback of 86400 (internal/conf/configuration.go) let a day-old
   * link through.
   */
  mailerOtpExpSeconds?: number;
  /** GOTRUE_SMTP_MAX_FREQUENCY in seconds. Default 1 (Supabase local's auth.email.max_frequency). */
  mailMaxFrequencySeconds?: number;
}

export interface AuthServer {
  /** http://host:port — the Supabase URL; the endpoints live under /auth/v1. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the local stand-in for Supabase Auth (GoTrue): the endpoints supabase-js uses, users in
 * auth.users, ES256 access tokens verifiable through /auth/v1/.well-known/jwks.json.
 */
export async function startAuthServer(opts: AuthServerOptions): Promise<AuthServer> {
  const host = opts.host ?? "127.0.0.1";
  const sql = postgres(opts.databaseUrl, { max: 5, idle_timeout: 30, connect_timeout: 10, onnotice: () => undefined });
  const key = loadOrCreateSigningKey(opts.signingKeyFile);
  const serviceRoleKey = opts.serviceRoleKey ?? LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY;
  try {
    await ensureStandInSchema(sql);
  } catch (e) {
    await sql.end({ timeout: 1 });
    throw e;
  }
  const ctx: AuthContext = {
    sql,
    key,
    issuer: "", // set once the port is known
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
    refreshTokenReuseIntervalSeconds: opts.refreshTokenReuseIntervalSeconds ?? 10,
    mailerAutoconfirm: opts.autoconfirm ?? true,
    siteUrl: (opts.siteUrl ?? LOCAL_DEFAULTS.APP_URL).replace(/\/$/, ""),
    redirectAllowList: opts.redirectAllowList ?? [],
    mailerOtpExpSeconds: opts.mailerOtpExpSeconds ?? 3600,
    mailMaxFrequencySeconds: opts.mailMaxFrequencySeconds ?? 1,
    mailLink: opts.mailLink ?? "token_hash",
    mailer: opts.mailCatcherUrl ? httpMailer(opts.mailCatcherUrl) : logMailer,
    serviceRoleKey,
  };
  const router = createRouter(ctx, {
    apiKeys: [opts.anonKey ?? LOCAL_DEFAULTS.SUPABASE_ANON_KEY, serviceRoleKey],
    log: opts.log ?? false,
  });
  const server = http.createServer((req, res) => void router(req, res));
  server.keepAliveTimeout = 5000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 54321, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    await sql.end({ timeout: 1 });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  ctx.issuer = `${url}/auth/v1`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await sql.end({ timeout: 5 });
      })();
      return closing;
    },
  };
}
