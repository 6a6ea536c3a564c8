/**
 * `npm run bench`: autocannon against the production build on a throwaway local stack.
 * Every figure is printed next to baselines measured in the same run: a constant node:http answer
 * and a constant Next.js route (/api/health). No thresholds here: read the ratios.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import postgres from "postgres";
import Stripe from "stripe";
import { createClient } from "@supabase/supabase-js";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { serverRealtime } from "../../lib/auth/no-realtime";
import { measure, type Figure } from "./measure";
import { watchRss } from "./rss";

const root = path.resolve(import.meta.dirname, "../..");
const PORT = 3200;
const ports = { DB_PORT: "54395", AUTH_PORT: "54396", STRIPE_EMULATOR_PORT: "12195" };
const base = `http://127.0.0.1:${PORT}`;

async function waitFor(url: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function newCart(items: { price: string; quantity: number }[]): Promise<string> {
  const res = await fetch(`${base}/api/cart/add`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items }) });
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0]!;
}

async function main() {
  const build = process.env.BENCH_SKIP_BUILD === "1" ? [] : ["--build"];
  const stack = spawn(process.execPath, ["--import", "tsx", "local/dev.ts", "--mode=start", "--fresh", ...build], {
    cwd: root,
    // One bench user checks out thousands of times: measure the route, not the abuse limits (README "Limits").
    env: { ...process.env, PORT: String(PORT), SHOP_DATA_DIR: ".data/bench", CHECKOUT_RATE_LIMIT: "0", MAX_UNPAID_ORDERS: "1000000", ...ports },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = () => new Promise<void>((r) => { stack.once("exit", () => r()); stack.kill("SIGINT"); });
  try {
    await waitFor(`${base}/api/health`, 300_000);
    const constant = http.createServer((_q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ok":true}'); });
    await new Promise<void>((r) => constant.listen(0, "127.0.0.1", r));
    const constantUrl = `http://127.0.0.1:${(constant.address() as AddressInfo).port}/`;

    const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${ports.DB_PORT}/postgres`, { max: 1 });
    await sql`update variants set stock = 1000000 where id in (1, 4, 7)`;
    await sql.end();
    const carts = await Promise.all(Array.from({ length: 100 }, () => newCart([{ price: "price_hb250_eur", quantity: 1 }])));
    const readCart = await newCart([{ price: "price_hb250_eur", quantity: 2 }, { price: "price_mugsnd_eur", quantity: 1 }, { price: "price_drp02_eur", quantity: 1 }]);
    const supabase = createClient(`http://127.0.0.1:${ports.AUTH_PORT}`, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false }, ...serverRealtime });
    const { data } = await supabase.auth.signUp({ email: `bench-${Date.now()}@example.test`, password: "bench-password-1" });
    const token = data.session?.access_token ?? "";

    const rss = watchRss(stack.pid!, (cmd) => cmd.includes("next"));
    const stackRss = watchRss(stack.pid!, () => true);
    const figures: Figure[] = [];
    figures.push(await measure("node:http constant", { url: constantUrl }));
    figures.push(await measure("Next constant route", { url: `${base}/api/health` }));
    figures.push(await measure("GET /", { url: `${base}/` }));
    figures.push(await measure("GET /products/[slug]", { url: `${base}/products/ceramic-mug` }));
    figures.push(await measure("GET /api/products", { url: `${base}/api/products` }));
    figures.push(await measure("GET /api/cart", { url: `${base}/api/cart`, headers: { cookie: readCart } }));
    let n = 0;
    figures.push(await measure("POST /api/cart/add", {
      url: `${base}/api/cart/add`,
      method: "POST",
      requests: [{
        setupRequest: (req) => ({
          ...req,
          headers: { "content-type": "application/json", cookie: carts[n++ % carts.length]! },
          body: JSON.stringify({ items: [{ price: "price_hb250_eur", quantity: 1 }] }),
        }),
      }],
    }));
    figures.push(await measure("POST /api/webhooks/stripe", {
      url: `${base}/api/webhooks/stripe`,
      method: "POST",
      requests: [{
        setupRequest: (req) => {
          const body = JSON.stringify({ id: `evt_bench_${crypto.randomUUID().replace(/-/g, "")}`, object: "event", type: "customer.updated", data: { object: { id: "cus_bench" } } });
          const sig = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET });
          return { ...req, headers: { "content-type": "application/json", "stripe-signature": sig }, body };
        },
      }],
    }));
    figures.push(await measure("POST /api/checkout", {
      url: `${base}/api/checkout`,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ currency: "eur", cartItems: [{ item_id: 1, variant_id: 1, quantity: 1 }, { item_id: 3, variant_id: 4, quantity: 1 }] }),
    }));
    const serverPeak = rss.stop();
    const stackPeak = stackRss.stop();
    constant.close();

    const next = figures.find((f) => f.name === "Next constant route")!;
    const node = figures.find((f) => f.name === "node:http constant")!;
    console.log("\nroute                        req/s    p50 ms  p99 ms  non-2xx  rps vs Next const  p50 vs Next const  rps vs node:http");
    for (const f of figures) {
      console.log(
        `${f.name.padEnd(28)} ${f.rps.toFixed(0).padStart(6)}  ${f.p50.toFixed(1).padStart(7)} ${f.p99.toFixed(1).padStart(7)}  ${String(f.errors).padStart(7)}` +
          `  ${(f.rps / next.rps).toFixed(2).padStart(17)}  ${(f.p50 / Math.max(next.p50, 0.1)).toFixed(2).padStart(17)}  ${(f.rps / node.rps).toFixed(3).padStart(16)}`,
      );
    }
    console.log(`\npeak RSS: Next.js server ${(serverPeak / 2 ** 20).toFixed(0)} MB; whole local stack ${(stackPeak / 2 ** 20).toFixed(0)} MB`);
  } finally {
    await stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
