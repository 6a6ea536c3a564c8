import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

// Many real connections at once: the pool must be larger than the number of workers.
process.env.DATABASE_POOL_MAX = "24";

import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { db, transaction } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createOrder } from "@/lib/orders/create";
import { applyPaymentSignal } from "@/lib/orders/apply";
import { InsufficientStockError, type OrderLineInput } from "@/lib/orders/types";
import { readBoundCart, writeBoundQuantities, type Quantities } from "@/lib/checkout/bound-cart";
import { restoreSnapshot, takeSnapshot } from "@/lib/checkout/snapshot";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually } from "../../helpers/eventually";

resetEnvCache();

const STOCK = 5000;
const WORKERS = 16;
const DURATION_MS = 10_000;
const BOUND_CARTS = 4;

let products: Fixture[] = [];
let variantIds: number[] = [];
const sessions: string[] = [];

const pick = <T,>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const shuffled = <T,>(xs: T[]): T[] => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

async function linesFor(priceIds: string[], quantity: () => number): Promise<OrderLineInput[]> {
  const rows = await db()<{ product_id: number; variant_id: number; price_id: string; name: string; sku: string; unit_amount: number }[]>`
    select p.id as product_id, v.id as variant_id, pr.id as price_id, p.name, v.sku, pr.unit_amount
    from prices pr join variants v on v.id = pr.variant_id join products p on p.id = v.product_id
    where pr.id = any(${priceIds}::text[])`;
  const byPrice = new Map(rows.map((r) => [r.price_id, r]));
  // The caller's order, not id order: locking in id order is the code's job.
  return priceIds.map((id) => {
    const r = byPrice.get(id)!;
    return { productId: r.product_id, variantId: r.variant_id, priceId: id, name: r.name, variantName: "", sku: r.sku, currency: "eur", unitAmount: r.unit_amount, quantity: quantity(), recurring: null };
  });
}

/** A cart bound to a (fake) open session, with a pending order holding its units: what sync edits. */
async function bindCart(sessionId: string): Promise<void> {
  const priceIds = shuffled(products.map((p) => p.prices.eur));
  const lines = await linesFor(priceIds, () => 2);
  await transaction(async (tx) => {
    const [cart] = await tx<{ id: string; number: string }[]>`
      insert into carts (number) values (${crypto.randomBytes(16).toString("hex")}) returning id, number`;
    await tx`insert into cart_items (cart_id, price_id, quantity, position)
             select ${cart!.id}, t.p, 2, t.i from unnest(${priceIds}::text[], ${priceIds.map((_, i) => i)}::int[]) as t(p, i)`;
    const { order } = await createOrder(tx, { userId: null, cartId: cart!.id, cartNumber: cart!.number, source: "checkout_session", checkoutUiMode: "elements", currency: "eur", lines, ttlMinutes: 30 });
    await tx`update carts set order_id = ${order.id}, checkout_session_id = ${sessionId}, checkout_ui_mode = 'elements' where id = ${cart!.id}`;
  });
}

/** Free stock plus every unit held by an order: what no interleaving may change. */
async function unitsAccountedFor(): Promise<number> {
  const [row] = await db()<{ free: number; held: number }[]>`
    select (select coalesce(sum(stock), 0)::int from variants where id = any(${variantIds}::bigint[])) as free,
           (select coalesce(sum(oi.quantity), 0)::int from order_items oi join orders o on o.id = oi.order_id
             where o.stock_held and oi.variant_id = any(${variantIds}::bigint[])) as held`;
  return row!.free + row!.held;
}

function randomTarget(lines: { priceId: string }[]): Quantities {
  return new Map(lines.map((l) => [l.priceId, 1 + Math.floor(Math.random() * 4)]));
}

type Op = (() => Promise<unknown>) & { label?: string };

function operations(held: string[]): Op[] {
  const take: Op = async () => {
    const chosen = shuffled(products).slice(0, 1 + Math.floor(Math.random() * products.length));
    const lines = await linesFor(chosen.map((p) => p.prices.eur), () => 1 + Math.floor(Math.random() * 3));
    const { order } = await transaction((tx) => createOrder(tx, { userId: null, source: "payment_intent", currency: "eur", lines, ttlMinutes: 30 }));
    held.push(order.id);
  };
  const release: Op = async () => {
    const id = held.splice(Math.floor(Math.random() * held.length), 1)[0];
    if (id) await transaction((tx) => applyPaymentSignal(tx, { orderId: id, signal: "canceled", reason: "stress" }));
  };
  const sync: Op = async () => {
    const cart = await readBoundCart(db(), pick(sessions), null);
    if (!cart) return;
    await transaction((tx) => writeBoundQuantities(tx, cart, randomTarget(cart.lines), { expectVersion: cart.version, newVersion: cart.version + 1 }));
  };
  const syncThenRestore: Op = async () => {
    const cart = await readBoundCart(db(), pick(sessions), null);
    if (!cart) return;
    const snap = await takeSnapshot(db(), cart.cartId, cart.orderId);
    if (snap.version !== cart.version) return;
    const written = await transaction((tx) => writeBoundQuantities(tx, cart, randomTarget(cart.lines), { expectVersion: cart.version, newVersion: cart.version + 1 }));
    if (written) await transaction((tx) => restoreSnapshot(tx, cart.cartId, cart.orderId, snap, cart.version + 1));
  };
  // A webhook closing a bound cart's order while it is being edited, and the next checkout of that cart.
  const cancelBound: Op = async () => {
    const cart = await readBoundCart(db(), pick(sessions), null);
    if (cart) await transaction((tx) => applyPaymentSignal(tx, { orderId: cart.orderId, signal: "canceled", reason: "stress: session expired" }));
  };
  const rebind: Op = async () => {
    const cart = await readBoundCart(db(), pick(sessions), null);
    if (!cart || cart.orderStatus === "pending") return;
    const lines = await linesFor(shuffled(cart.lines.map((l) => l.priceId)), () => 1);
    await transaction(async (tx) => {
      const [locked] = await tx<{ order_id: string }[]>`select order_id from carts where id = ${cart.cartId} for update`;
      if (locked?.order_id !== cart.orderId) return;
      const quantities = new Map(cart.lines.map((l) => [l.priceId, l.quantity]));
      const { order } = await createOrder(tx, { userId: null, cartId: cart.cartId, source: "checkout_session", checkoutUiMode: "elements", currency: "eur", lines: lines.map((l) => ({ ...l, quantity: quantities.get(l.priceId!)! })), ttlMinutes: 30 });
      await tx`update carts set order_id = ${order.id}, version = version + 1 where id = ${cart.cartId}`;
    });
  };
  Object.assign(take, { label: "take" }); Object.assign(release, { label: "release" }); Object.assign(sync, { label: "sync" });
  Object.assign(syncThenRestore, { label: "restore" }); Object.assign(cancelBound, { label: "cancelBound" }); Object.assign(rebind, { label: "rebind" });
  return [take, take, release, release, sync, sync, syncThenRestore, cancelBound, rebind, rebind];
}

beforeAll(async () => {
  products = await Promise.all([0, 1, 2, 3].map(() => createProduct({ stock: STOCK })));
  variantIds = products.map((p) => p.variantId);
  for (let i = 0; i < BOUND_CARTS; i++) {
    const id = `cs_stress_${crypto.randomBytes(8).toString("hex")}`;
    await bindCart(id);
    sessions.push(id);
  }
});

describe("stock under overlapping take, release, sync and restore", () => {
  it(`runs ${WORKERS} connections for ${DURATION_MS / 1000} s with no deadlock or serialization failure, and conserves every unit`, async () => {
    const total = await unitsAccountedFor();
    expect(total).toBe(STOCK * products.length);
    const held: string[] = [];
    const ops = operations(held);
    const failures: { op?: string; code?: string; message: string }[] = [];
    const done = { ops: 0, short: 0 };
    const end = Date.now() + DURATION_MS;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (Date.now() < end) {
          const op = pick(ops);
          try {
            await op();
            done.ops++;
          } catch (error) {
            if (error instanceof InsufficientStockError) done.short++;
            else failures.push({ op: op.label, code: (error as { code?: string }).code, message: (error as Error).message });
          }
        }
      }),
    );
    expect(failures.filter((f) => f.code === "40P01" || f.code === "40001")).toEqual([]);
    expect(failures).toEqual([]);
    expect(done.ops).toBeGreaterThan(WORKERS * 5);
    expect(await unitsAccountedFor()).toBe(total);
    for (const v of variantIds) expect(await stockOf(v)).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe("the out-of-stock message", () => {
  it("names the units really left, not those read before the checkout's transaction", async () => {
    const lamp = await createProduct({ stock: 1, name: "Last Lamp" });
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: lamp.prices.eur, quantity: 1 }] } });
    let answer: Promise<{ status: number; body: { message: string } }> | undefined;
    // Another buyer holds the row: the checkout reads "1 in stock", then waits on the lock; the
    // other buyer takes the unit and commits; the checkout's take fails with 0 left.
    await transaction(async (tx) => {
      await tx`select 1 from variants where id = ${lamp.variantId} for update`;
      answer = browser.call(cartCheckout, { path: "/api/cart/checkout", json: {} });
      await eventually(async () => {
        const [w] = await db()<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and (query like '%update variants v set stock%' or query like '%order_create(%')`;
        return w!.n > 0;
      });
      await tx`update variants set stock = 0 where id = ${lamp.variantId}`;
    });
    const res = await answer!;
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Not enough stock for Last Lamp (Default, 0 left)");
  });

  it("a sold-out variant is refused at once, without queueing on its row lock (flash sale)", async () => {
    const gone = await createProduct({ stock: 1, name: "Gone Lamp" });
    const second = new TestBrowser();
    await second.call(add, { path: "/api/cart/add", json: { items: [{ price: gone.prices.eur, quantity: 1 }] } });
    await db()`update variants set stock = 0 where id = ${gone.variantId}`; // the last unit went to someone else
    // Another transaction holds the sold-out row (a winner's order being made): the refusal does not wait for it.
    await transaction(async (tx) => {
      await tx`select 1 from variants where id = ${gone.variantId} for update`;
      const answer = second.call(cartCheckout, { path: "/api/cart/checkout", json: {} });
      const waited = new Promise<"waited">((r) => setTimeout(() => r("waited"), 3000));
      const res = await Promise.race([answer, waited]);
      expect(res).not.toBe("waited");
      expect(res).toMatchObject({ status: 400, body: { message: "Not enough stock for Gone Lamp (Default, 0 left)" } });
    });
    expect(await stockOf(gone.variantId)).toBe(0);
  });
});
