/**
 * `npm run bench`: autocannon against the production build on a throwaway local stack.
 * Every ratio is against the framework floor measured in the same run: /api/floor, a constant Next.js
 * route with nothing in front of it (not even proxy.ts). The proxied constant route (/api/health with
 * a session cookie, so proxy.ts runs) and a bare node:http answer are printed beside it.
 * DB round trips are counted on the wire (tests/bench/pg-counter.ts). No thresholds here.
 */
import autocannon from "autocannon";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import Stripe from "stripe";
import { createClient } from "@supabase/supabase-js";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { serverRealtime } from "../../lib/auth/no-realtime";
import { measure, type Figure, type Probes } from "./measure";
import { watchRss } from "./rss";
import { isNextServer, startBenchStack } from "./stack";

async function newCart(base: string, items: { price: string; quantity: number }[]): Promise<string> {
  const res = await fetch(`${base}/api/cart/add`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items }) });
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0]!;
}

function printTable(figures: Figure[]) {
  const floor = figures.find((f) => f.name.startsWith("floor"))!;
  const handlerFloor = figures.find((f) => f.name.startsWith("handler floor"))!;
  const mb = (b: number | null) => (b === null ? "-" : (b / 2 ** 20).toFixed(0));
  const header = ["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "DB trips/req", "peak RSS MB", "rps/floor", "p50/floor", "p50/handler floor"];
  const rows = figures.map((f) => [
    f.name,
    f.rps.toFixed(0),
    f.p50.toFixed(2),
    f.p99.toFixed(1),
    String(f.errors),
    f.roundTrips === null ? "-" : f.roundTrips.toFixed(2),
    mb(f.peakRss),
    (f.rps / floor.rps).toFixed(2),
    (f.p50 / Math.max(floor.p50, 0.01)).toFixed(2),
    (f.p50 / Math.max(handlerFloor.p50, 0.01)).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}`);
  for (const r of rows) console.log(line(r));

  // What one request costs each part of the stack, in CPU: the figure a busy machine moves least.
  const parts = Object.keys(figures.find((f) => f.cpuPerRequest)?.cpuPerRequest ?? {});
  const cpuHeader = ["CPU µs per request", ...parts, "stack total"];
  const cpuRows = figures.filter((f) => f.cpuPerRequest).map((f) => {
    const c = f.cpuPerRequest!;
    const total = parts.filter((p) => p !== "bench" && p !== "pg relay").reduce((n, p) => n + c[p]!, 0);
    return [f.name, ...parts.map((p) => c[p]!.toFixed(0)), total.toFixed(0)];
  });
  const cpuWidths = cpuHeader.map((h, i) => Math.max(h.length, ...cpuRows.map((r) => r[i]!.length)));
  const cpuLine = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(cpuWidths[i]!) : c.padStart(cpuWidths[i]!))).join("  ");
  console.log(`\n${cpuLine(cpuHeader)}`);
  for (const r of cpuRows) console.log(cpuLine(r));
  console.log("(stack total: the shop's server, Postgres and the emulator/auth stand-ins; bench = autocannon's process; pg relay = the round-trip counter)");
}

async function main() {
  // One bench user checks out thousands of times: measure the route, not the abuse limits (README "Limits").
  const WEBHOOK_ORDERS = 20_000;
  const CHECKOUT_USERS = 100;
  let webhookCalls = 0;
  const stack = await startBenchStack(".data/bench", { CHECKOUT_RATE_LIMIT: "0", MAX_UNPAID_ORDERS: "1000000" });
  const { base } = stack;
  try {
    const constant = http.createServer((_q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ok":true}'); });
    await new Promise<void>((r) => constant.listen(0, "127.0.0.1", r));
    const constantUrl = `http://127.0.0.1:${(constant.address() as AddressInfo).port}/`;

    const sql = postgres(stack.databaseUrl, { max: 1 });
    await sql`update variants set stock = 1000000 where id in (1, 4, 7)`;
    // Pending PaymentIntent orders the webhook measurement pays, one event each (the payment path:
    // lookup, state machine, event record; later events for the same order are recorded and ignored).
    await sql`insert into orders (id, currency, amount_total, source, stripe_payment_intent_id, expires_at, stock_held)
              select gen_random_uuid(), 'eur', 1000, 'payment_intent', 'pi_bench_' || i, now() + interval '1 day', false
              from generate_series(1, ${WEBHOOK_ORDERS}) as i`;
    await sql.end();
    const carts = await Promise.all(Array.from({ length: 100 }, () => newCart(base, [{ price: "price_hb250_eur", quantity: 1 }])));
    const readCart = await newCart(base, [{ price: "price_hb250_eur", quantity: 2 }, { price: "price_mugsnd_eur", quantity: 1 }, { price: "price_drp02_eur", quantity: 1 }]);
    const supabase = createClient(stack.authUrl, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false }, ...serverRealtime });
    const signUp = async (i: number) => {
      const { data, error } = await supabase.auth.signUp({ email: `bench-${Date.now()}-${i}@example.test`, password: "bench-password-1" });
      if (error || !data.session) throw new Error(`bench sign-up failed: ${error?.message}`);
      return data.session;
    };
    // Checkouts rotate over many shoppers: one shopper with thousands of unpaid orders would measure
    // the unpaid-order cap's scan of them (README "Limits"), which a real shopper never reaches.
    const sessions = await Promise.all(Array.from({ length: CHECKOUT_USERS }, (_, i) => signUp(i)));
    let checkouts = 0;
    // A session cookie in @supabase/ssr's shape makes proxy.ts run (and refresh nothing: the token is fresh).
    const sessionCookie = `sb-127-auth-token=base64-${Buffer.from(JSON.stringify(sessions[0])).toString("base64url")}`;

    const probes: Probes = {
      counter: stack.counter ?? undefined,
      server: { pid: stack.pid, match: isNextServer },
      cpu: stack.cpu,
    };
    const serverRss = watchRss(stack.pid, isNextServer);
    const stackRss = watchRss(stack.pid, () => true);
    // Warm the server as a whole first (JIT, route modules), so the floor, measured first, is not the coldest route.
    await autocannon({ url: `${base}/api/floor`, connections: 10, duration: 3 });
    await autocannon({ url: `${base}/`, connections: 10, duration: 2 });
    const figures: Figure[] = [];
    figures.push(await measure("node:http constant (reference)", { url: constantUrl }));
    figures.push(await measure("floor: GET /api/floor (no proxy)", { url: `${base}/api/floor` }, probes));
    figures.push(await measure("handler floor: GET /api/floor/dynamic", { url: `${base}/api/floor/dynamic` }, probes));
    figures.push(await measure("GET /api/health + proxy.ts", { url: `${base}/api/health`, headers: { cookie: sessionCookie } }, probes));
    figures.push(await measure("GET /api/health (guest)", { url: `${base}/api/health` }, probes));
    figures.push(await measure("GET /", { url: `${base}/` }, probes));
    figures.push(await measure("GET /products/[slug]", { url: `${base}/products/ceramic-mug` }, probes));
    figures.push(await measure("GET /api/products", { url: `${base}/api/products` }, probes));
    figures.push(await measure("GET /api/cart", { url: `${base}/api/cart`, headers: { cookie: readCart } }, probes));
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
    }, probes));
    figures.push(await measure("POST /api/webhooks/stripe", {
      url: `${base}/api/webhooks/stripe`,
      method: "POST",
      requests: [{
        setupRequest: (req) => {
          const pi = `pi_bench_${1 + (webhookCalls++ % WEBHOOK_ORDERS)}`;
          const body = JSON.stringify({
            id: `evt_bench_${crypto.randomUUID().replace(/-/g, "")}`,
            object: "event",
            type: "payment_intent.succeeded",
            data: { object: { id: pi, object: "payment_intent", amount: 1000, amount_received: 1000, currency: "eur", status: "succeeded", metadata: {} } },
          });
          const sig = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET });
          return { ...req, headers: { "content-type": "application/json", "stripe-signature": sig }, body };
        },
      }],
    }, probes));
    const checkoutBody = JSON.stringify({ currency: "eur", cartItems: [{ item_id: 1, variant_id: 1, quantity: 1 }, { item_id: 3, variant_id: 4, quantity: 1 }] });
    figures.push(await measure(`POST /api/checkout (${CHECKOUT_USERS} shoppers)`, {
      url: `${base}/api/checkout`,
      method: "POST",
      requests: [{
        setupRequest: (req) => ({
          ...req,
          headers: { "content-type": "application/json", authorization: `Bearer ${sessions[checkouts++ % sessions.length]!.access_token}` },
          body: checkoutBody,
        }),
      }],
    }, probes));
    const serverPeak = serverRss.stop();
    const stackPeak = stackRss.stop();
    constant.close();

    printTable(figures);
    console.log(`\npeak RSS over the whole run: Next.js server ${(serverPeak / 2 ** 20).toFixed(0)} MB; whole local stack ${(stackPeak / 2 ** 20).toFixed(0)} MB`);
    console.log("(a shared or busy machine moves every figure; read the ratios from one run)");
  } finally {
    await stack.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
