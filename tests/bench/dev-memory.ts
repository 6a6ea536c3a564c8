/**
 * `npm run bench:dev-memory`: the memory of the whole `npm run dev` stack (Postgres, the auth and
 * Stripe stand-ins, next dev and its helpers) after the catalog, a product, the cart and the
 * checkout pages were each opened once (compiled on first visit). Prints RSS summed over the
 * process tree (counts shared pages once per process, so it over-states) and PSS (shares them out).
 * Ports: DEVMEM_PORT (3200), DEVMEM_DB_PORT (54395), DEVMEM_AUTH_PORT (54396), DEVMEM_STRIPE_PORT (12195),
 * DEVMEM_MAIL_PORT (54397).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { serverRealtime } from "../../lib/auth/no-realtime";

const root = path.resolve(import.meta.dirname, "../..");
const ports = {
  PORT: process.env.DEVMEM_PORT ?? "3200",
  DB_PORT: process.env.DEVMEM_DB_PORT ?? "54395",
  AUTH_PORT: process.env.DEVMEM_AUTH_PORT ?? "54396",
  STRIPE_EMULATOR_PORT: process.env.DEVMEM_STRIPE_PORT ?? "12195",
  MAIL_PORT: process.env.DEVMEM_MAIL_PORT ?? "54397",
};
const base = `http://127.0.0.1:${ports.PORT}`;

function tree(rootPid: number): number[] {
  const all: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    all.push(pid);
    try {
      for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
        queue.push(...fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
      }
    } catch {
      /* ended */
    }
  }
  return all;
}

function memory(rootPid: number) {
  const rows: { pid: number; cmd: string; rss: number; pss: number; anon: number; file: number }[] = [];
  for (const pid of tree(rootPid)) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim().slice(0, 90);
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0) * 1024;
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const st = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
      rows.push({ pid, cmd, rss: kb("Rss"), pss: kb("Pss"), anon: st("RssAnon"), file: st("RssFile") });
    } catch {
      /* ended or not readable */
    }
  }
  return rows;
}

async function get(url: string, cookie?: string) {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  await res.arrayBuffer();
  return res.status;
}

async function main() {
  // Exactly what `npm run dev` runs (package.json's script, "node <flags> local/dev.ts"), plus --fresh.
  const devScript = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { dev: string } }).scripts.dev;
  const [command, ...devArgs] = devScript.split(/\s+/);
  if (command !== "node") throw new Error(`package.json's dev script should start with node: ${devScript}`);
  const stack = spawn(process.execPath, [...devArgs, "--fresh"], {
    cwd: root,
    env: { ...process.env, ...ports, SHOP_DATA_DIR: ".data/devmem" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => new Promise<void>((r) => { if (stack.exitCode !== null) return r(); stack.once("exit", () => r()); stack.kill("SIGINT"); });
  try {
    for (const end = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 1000))) {
      if (Date.now() > end || stack.exitCode !== null) throw new Error("the dev stack did not come up");
      if ((await fetch(`${base}/api/floor`).then((r) => r.status, () => 0)) === 200) break;
    }
    const supabase = createClient(`http://127.0.0.1:${ports.AUTH_PORT}`, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false }, ...serverRealtime });
    const { data } = await supabase.auth.signUp({ email: `devmem-${Date.now()}@example.test`, password: "devmem-password-1" });
    const session = `sb-127-auth-token=base64-${Buffer.from(JSON.stringify(data.session)).toString("base64url")}`;
    const add = await fetch(`${base}/api/cart/add`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ items: [{ price: "price_hb250_eur", quantity: 1 }] }) });
    const cart = (add.headers.get("set-cookie") ?? "").split(";")[0]!;
    const visits: [string, string | undefined][] = [["/", undefined], ["/products/ceramic-mug", undefined], ["/cart", cart], ["/api/cart", cart], ["/checkout", `${cart}; ${session}`], ["/login", undefined]];
    for (const [page, cookie] of visits) console.log(`GET ${page} → ${await get(`${base}${page}`, cookie)}`);
    await new Promise((r) => setTimeout(r, Number(process.env.DEVMEM_SETTLE_MS ?? 5000))); // let compilation settle
    const rows = memory(stack.pid!);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    for (const r of rows.sort((a, b) => b.rss - a.rss)) console.log(`${mb(r.rss).padStart(7)} rss ${mb(r.pss).padStart(7)} pss ${mb(r.anon).padStart(7)} anon ${mb(r.file).padStart(7)} file  ${r.cmd}`);
    console.log(`\nwhole npm run dev stack: ${mb(rows.reduce((n, r) => n + r.rss, 0))} RSS (summed), ${mb(rows.reduce((n, r) => n + r.pss, 0))} PSS`);
  } finally {
    await stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
