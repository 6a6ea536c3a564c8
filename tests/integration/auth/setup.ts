import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { serverRealtime } from "../../../lib/auth/no-realtime";
import { resetEnvCache } from "../../../lib/env";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { startAuthServer, type AuthServer, type AuthServerOptions } from "../../../local/auth";
import { migrate } from "../../../local/db/migrate";
import { startLocalPostgres } from "../../../local/db/postgres";
import { startMailCatcher, type MailCatcher } from "../../../local/mail";
import { lateBound } from "../../helpers/late-bound";
import { freePort } from "../../setup/global-db";

export const anonKey = LOCAL_DEFAULTS.SUPABASE_ANON_KEY;

export interface AuthTestEnv {
  databaseUrl: string;
  sql: postgres.Sql;
  tmpDir: string;
  /** Starts a stand-in on a free port; stopped by `stop()`. */
  startServer(opts?: Partial<AuthServerOptions>): Promise<AuthServer>;
  stop(): Promise<void>;
}

/**
 * The database of the run (tests/setup/global-db.ts provides it) or, when run without that
 * globalSetup, a throwaway PostgreSQL of our own.
 */
export async function setupAuthTests(): Promise<AuthTestEnv> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-test-"));
  let stopDb = async () => undefined;
  let databaseUrl = inject("databaseUrl") as string | undefined;
  if (!databaseUrl) {
    fs.chmodSync(tmpDir, 0o755);
    const pg = await startLocalPostgres({ dataDir: path.join(tmpDir, "pg"), port: await freePort(), persistent: false });
    await migrate(pg.url);
    databaseUrl = pg.url;
    stopDb = async () => void (await pg.stop());
  }
  const url = databaseUrl;
  const sql = postgres(url, { max: 2, onnotice: () => undefined });
  const servers: AuthServer[] = [];
  return {
    databaseUrl: url,
    sql,
    tmpDir,
    async startServer(opts = {}) {
      const server = await startAuthServer({ databaseUrl: url, port: 0, ...opts });
      servers.push(server);
      return server;
    },
    async stop() {
      await Promise.all(servers.map((s) => s.close()));
      await sql.end({ timeout: 5 });
      await stopDb();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/** A server-side supabase-js client, as the app uses it. */
export function supabaseFor(server: AuthServer, key: string = anonKey): SupabaseClient {
  return createClient(server.url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...serverRealtime, // supabase-js throws in createClient on Node 20, which has no global WebSocket
  });
}

export const uniqueEmail = () => `shopper-${crypto.randomUUID()}@example.test`;

export interface MailingAuth {
  env: AuthTestEnv;
  mail: MailCatcher;
  server: AuthServer;
}

/**
 * One test file's stand-in that confirms sign-ups by email (hosted Supabase's default), with a mail
 * catcher and no wait between mails unless `opts` says otherwise; started in beforeAll, stopped after.
 */
export function mailingAuthSuite(opts: Partial<AuthServerOptions> & { siteUrl: string }): MailingAuth {
  let started: MailingAuth | undefined;
  beforeAll(async () => {
    const env = await setupAuthTests();
    const mail = await startMailCatcher({ port: 0 });
    const server = await env.startServer({ autoconfirm: false, mailCatcherUrl: mail.url, mailMaxFrequencySeconds: 0, ...opts });
    started = { env, mail, server };
  });
  afterAll(async () => {
    await started?.mail.close();
    await started?.env.stop();
  });
  return {
    env: lateBound(() => started?.env, "the auth test database"),
    mail: lateBound(() => started?.mail, "the mail catcher"),
    server: lateBound(() => started?.server, "the auth stand-in"),
  };
}

/** One test file's stand-in with the default options (sign-ups confirmed at once); started in beforeAll, stopped after. */
export function authSuite(): { env: AuthTestEnv; server: AuthServer } {
  let started: { env: AuthTestEnv; server: AuthServer } | undefined;
  beforeAll(async () => {
    const env = await setupAuthTests();
    started = { env, server: await env.startServer() };
  });
  afterAll(async () => {
    await started?.env.stop();
  });
  return {
    env: lateBound(() => started?.env, "the auth test database"),
    server: lateBound(() => started?.server, "the auth stand-in"),
  };
}

/** The shop's code under test talks to `server` and builds its links on `shop` (APP_URL) for this file. */
export function shopUsesStandIn(server: AuthServer, shop: string): void {
  beforeAll(() => {
    process.env.NEXT_PUBLIC_SUPABASE_URL = server.url;
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = anonKey;
    process.env.APP_URL = shop;
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.APP_URL;
    resetEnvCache();
  });
}
