/**
 * `npm run bench:flash`: a flash sale against the production build on a throwaway local stack.
 * N units of one variant, M guests arriving at once; each adds it to a new cart and starts a hosted
 * Checkout Session. Then every session that was opened is paid (the emulator's pay button) and the
 * webhooks are drained. Prints guests/s, p50/p99 per step and status counts, and exits 1 unless
 * exactly N orders are paid, the stock is 0 and nothing answered 5xx.
 * Flags: --units=N (100), --guests=M (500). Ports: see tests/bench/stack.ts.
 */
import postgres from "postgres";
import { SHIP_TO } from "../helpers/shipping";
import { machineCpu } from "./cpu";
import { postJson } from "./http-client";
import { percentile } from "./measure";
import { startBenchStack } from "./stack";

const flag = (name: string, fallback: number) => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const UNITS = flag("units", 100);
const GUESTS = flag("guests", 500);
const VARIANT_ID = 1;
const PRICE = "price_hb250_eur";
/** Another product, for warming the server before the rush (a flash sale starts on a running shop). */
const WARM_PRICE = "price_mugsnd_eur";
const WARM_GUESTS = 40;

interface Timed { ms: number; status: number }


async function timed<R extends { status: number }>(fn: () => Promise<R>): Promise<Timed & { res: R | null }> {
  const start = performance.now();
  try {
    const res = await fn();
    return { ms: performance.now() - start, status: res.status, res };
  } catch {
    return { ms: performance.now() - start, status: 0, res: null };
  }
}

/** Runs fn over items with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

function report(step: string, results: Timed[]) {
  const counts = new Map<number, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const statuses = [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? "network error" : s}×${n}`).join(", ");
  const ms = results.map((r) => r.ms);
  console.log(`${step.padEnd(10)} p50 ${(percentile(ms, 50) ?? NaN).toFixed(0).padStart(6)} ms  p99 ${(percentile(ms, 99) ?? NaN).toFixed(0).padStart(6)} ms  ${statuses}`);
}

async function main() {
  const stack = await startBenchStack(".data/flash", {}, { countRoundTrips: false });
  const sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => undefined });
  /** Orders of the sale (not the warm-up's). */
  const FLASH_ORDER = sql`exists (select 1 from order_items oi where oi.order_id = orders.id and oi.variant_id = ${VARIANT_ID})`;
  const failures: string[] = [];
  try {
    await sql`update variants set stock = ${UNITS} where id = ${VARIANT_ID}`;
    await sql`update variants v set stock = v.stock + ${WARM_GUESTS} from prices p where p.id = ${WARM_PRICE} and v.id = p.variant_id`;
    const base = stack.base;

    // Warm the server first, as the main bench does (route modules, JIT, the database pool's
    // connections): guests buying something else, 10 at a time, left pending.
    await pool(Array.from({ length: WARM_GUESTS }, (_, i) => i), 10, async () => {
      const add = await postJson(`${base}/api/cart/add`, { items: [{ price: WARM_PRICE, quantity: 1 }] });
      const checkout = await postJson(`${base}/api/cart/checkout`, { ui_mode: "hosted_page" }, { cookie: add.cookie ?? "" });
      if (add.status !== 200 || checkout.status !== 200) throw new Error(`warm-up answered ${add.status}/${checkout.status}`);
    });

    const cpu = stack.cpu;
    const cpuBefore = cpu();
    const machineBefore = machineCpu();
    const rushStart = performance.now();
    const guests = await Promise.all(Array.from({ length: GUESTS }, async () => {
      const add = await timed(() => postJson(`${base}/api/cart/add`, { items: [{ price: PRICE, quantity: 1 }] }));
      if (add.status !== 200) return { add, checkout: null, sessionId: null };
      const checkout = await timed(() => postJson(`${base}/api/cart/checkout`, { ui_mode: "hosted_page" }, { cookie: add.res?.cookie ?? "" }));
      const body = checkout.res && checkout.status === 200 ? (JSON.parse(checkout.res.body) as { id?: string }) : null;
      return { add, checkout, sessionId: body?.id ?? null };
    }));
    const rushSeconds = (performance.now() - rushStart) / 1000;
    const cpuAfter = cpu();
    const machineAfter = machineCpu();

    const sessions = guests.flatMap((g) => (g.sessionId ? [g.sessionId] : []));
    const payStart = performance.now();
    const pays = await pool(sessions, 25, (id) => timed(() => fetch(`${stack.stripeUrl}/_emulator/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The coffee ships: the hosted page asks for an address like a buyer's.
      body: JSON.stringify({ id, payment_method: "pm_card_visa", ...SHIP_TO }),
    }).then(async (r) => (await r.arrayBuffer(), r))));
    await fetch(`${stack.stripeUrl}/_emulator/webhooks/drain`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ timeout_ms: 60_000 }) });
    // Deliveries waiting on a retry's backoff are not "in flight" for drain: wait for the orders too.
    let paid = 0;
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      paid = (await sql<{ n: number }[]>`select count(*)::int as n from orders where status = 'paid' and ${FLASH_ORDER}`)[0]!.n;
      if (paid >= sessions.length) break;
    }
    const paySeconds = (performance.now() - payStart) / 1000;

    const stock = (await sql<{ stock: number }[]>`select stock from variants where id = ${VARIANT_ID}`)[0]!.stock;
    const statuses = await sql<{ status: string; n: number }[]>`select status, count(*)::int as n from orders where ${FLASH_ORDER} group by status order by status`;

    console.log(`\nflash sale: ${UNITS} units, ${GUESTS} guests at once (add + hosted checkout each)`);
    report("add", guests.map((g) => g.add));
    report("checkout", guests.flatMap((g) => (g.checkout ? [g.checkout] : [])));
    report("pay", pays);
    console.log(`rush: ${GUESTS} guests answered in ${rushSeconds.toFixed(2)} s → ${(GUESTS / rushSeconds).toFixed(0)} buyers/s (add + checkout, per second of the rush)`);
    console.log(`CPU of the rush per guest: ${Object.keys(cpuAfter).map((k) => `${k} ${((cpuAfter[k]! - cpuBefore[k]!) / GUESTS).toFixed(2)} ms`).join(", ")} (bench = the 500 guests' client)`);
    const machineBusy = (machineAfter.busy - machineBefore.busy) / Math.max(machineAfter.total - machineBefore.total, 1);
    const stackShare = Object.keys(cpuAfter).reduce((n, k) => n + cpuAfter[k]! - cpuBefore[k]!, 0) / Math.max(machineAfter.total - machineBefore.total, 1);
    console.log(`machine CPU busy during the rush: ${(100 * machineBusy).toFixed(0)}% of all cores, ${(100 * stackShare).toFixed(0)}% by the stack and this client (the rest is other work on the machine)`);
    console.log(`paid: ${paid} orders paid and applied from webhooks ${paySeconds.toFixed(2)} s after the rush; end to end ${(paid / (rushSeconds + paySeconds)).toFixed(0)} paid orders/s`);
    console.log(`orders by status: ${statuses.map((s) => `${s.status}×${s.n}`).join(", ") || "none"}; stock left: ${stock}`);

    const all = [...guests.map((g) => g.add), ...guests.flatMap((g) => (g.checkout ? [g.checkout] : [])), ...pays];
    const fives = all.filter((r) => r.status >= 500 || r.status === 0).length;
    if (paid !== UNITS) failures.push(`expected exactly ${UNITS} paid orders, found ${paid}`);
    if (stock !== 0) failures.push(`expected stock 0, found ${stock}`);
    if (fives) failures.push(`${fives} answers were 5xx or network errors`);
  } finally {
    await sql.end();
    await stack.stop();
  }
  if (failures.length) {
    console.error(`\nFAILED:\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log("\nOK: exactly the units sold were paid, stock is 0, no 5xx");
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
