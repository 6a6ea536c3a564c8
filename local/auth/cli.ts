/**
 * Runs the Supabase Auth stand-in alone: `tsx local/auth/cli.ts`.
 * Env: DATABASE_URL (local default), AUTH_PORT (54321), AUTH_HOST (127.0.0.1), AUTH_SIGNING_KEY_FILE
 * (.data/auth-signing-key.json, shared with `npm run dev`), AUTH_AUTOCONFIRM ("false" → sign-ups confirm by
 * email), AUTH_MAIL_LINK (token_hash, or confirmation_url for Supabase's default-template links to GET
 * /verify), MAIL_CATCHER_URL (a running local/mail catcher; else mails are printed), APP_URL (the site URL).
 */
import path from "node:path";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { startAuthServer } from "./index";
import { parseMailLink } from "./mail-templates";

const root = path.resolve(import.meta.dirname, "../..");
const server = await startAuthServer({
  databaseUrl: process.env.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL,
  port: Number(process.env.AUTH_PORT ?? 54321),
  host: process.env.AUTH_HOST ?? "127.0.0.1",
  signingKeyFile: process.env.AUTH_SIGNING_KEY_FILE ?? path.join(root, ".data", "auth-signing-key.json"),
  log: true,
  autoconfirm: !["false", "0", "no", "off"].includes((process.env.AUTH_AUTOCONFIRM ?? "").trim().toLowerCase()),
  mailLink: parseMailLink(process.env.AUTH_MAIL_LINK),
  mailCatcherUrl: process.env.MAIL_CATCHER_URL,
  siteUrl: process.env.APP_URL ?? LOCAL_DEFAULTS.APP_URL,
});
console.log(`Supabase Auth stand-in on ${server.url}/auth/v1 (apikey: ${LOCAL_DEFAULTS.SUPABASE_ANON_KEY})`);

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
