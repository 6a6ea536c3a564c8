/**
 * The benchmarks' throwaway local stack: the production build served by local/dev.ts, with the
 * app's Postgres connections relayed through the round-trip counter (a process of its own).
 * Env: BENCH_PORT (3200), BENCH_DB_PORT (54395), BENCH_AUTH_PORT (54396), BENCH_STRIPE_PORT (12195),
 *      BENCH_MAIL_PORT (54397),
 *      BENCH_SKIP_BUILD=1 to reuse the last `next build`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { cpuReading, type CpuGroups } from "./cpu";
import { startCounterProcess } from "./pg-counter-process";

const root = path.resolve(import.meta.dirname, "../..");

export const benchPorts = {
  app: Number(process.env.BENCH_PORT ?? 3200),
  db: Number(process.env.BENCH_DB_PORT ?? 54395),
  auth: Number(process.env.BENCH_AUTH_PORT ?? 54396),
  stripe: Number(process.env.BENCH_STRIPE_PORT ?? 12195),
  mail: Number(process.env.BENCH_MAIL_PORT ?? 54397),
};

async function waitFor(url: string, ms: number, exited: () => boolean) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (exited()) throw new Error("the local stack exited before it came up");
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/** opts.countRoundTrips false: the app reaches Postgres directly (no relay's CPU in the figures). */
export async function startBenchStack(dataDir: string, extraEnv: Record<string, string> = {}, opts: { countRoundTrips?: boolean } = {}) {
  const counter = opts.countRoundTrips === false ? null : await startCounterProcess({ host: "127.0.0.1", port: benchPorts.db });
  const build = process.env.BENCH_SKIP_BUILD === "1" ? [] : ["--build"];
  const stack = spawn(process.execPath, ["--import", "tsx", "local/dev.ts", "--mode=start", "--fresh", ...build], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(benchPorts.app),
      DB_PORT: String(benchPorts.db),
      APP_DB_PORT: String(counter?.port ?? benchPorts.db),
      AUTH_PORT: String(benchPorts.auth),
      STRIPE_EMULATOR_PORT: String(benchPorts.stripe),
      MAIL_PORT: String(benchPorts.mail),
      SHOP_DATA_DIR: dataDir,
      // A throwaway stack: the emulator's state file would only take CPU from what is measured.
      STRIPE_EMULATOR_PERSIST: "off",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  stack.once("exit", () => (exited = true));
  const stop = async () => {
    if (!exited) await new Promise<void>((r) => { stack.once("exit", () => r()); stack.kill("SIGINT"); });
    await counter?.close();
  };
  const base = `http://127.0.0.1:${benchPorts.app}`;
  try {
    await waitFor(`${base}/api/floor`, 300_000, () => exited);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    base,
    pid: stack.pid!,
    counter,
    /** CPU time so far (ms) of each part of the stack, and of this process (tests/bench/cpu.ts). */
    cpu: () => cpuReading(counter ? [stack.pid!, counter.pid] : [stack.pid!], STACK_CPU_GROUPS),
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${benchPorts.db}/postgres`,
    authUrl: `http://127.0.0.1:${benchPorts.auth}`,
    stripeUrl: `http://127.0.0.1:${benchPorts.stripe}`,
    stop,
  };
}

/** The Next.js server's processes (next start and its workers), not Postgres or the stand-ins. */
export const isNextServer = (cmdline: string) => /\bnext(-server)?\b/.test(cmdline) && !cmdline.includes("local/dev.ts");

/** The parts of the stack CPU is reported for; the first that matches a process takes it. */
const STACK_CPU_GROUPS: CpuGroups = {
  "next": isNextServer,
  "postgres": (cmd) => /(^|\/)postgres(:| )/.test(cmd),
  "emulator+auth": (cmd) => cmd.includes("local/dev.ts"),
  "pg relay": (cmd) => cmd.includes("pg-counter-process"),
};
