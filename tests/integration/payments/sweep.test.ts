import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { GET as cron } from "@/app/api/cron/expire-reservations/route";
import { db } from "@/lib/db";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { sweepOrders } from "@/lib/orders/sweep";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { stripeAndAuthStacks } from "../../helpers/stacks";
import { orderById, ordersOfCart } from "../../helpers/orders";
import { SHIP_TO } from "../../helpers/shipping";

// Every test that runs the sweep lives in this file: the sweep reads the whole (shared) database.
const stacks = stripeAndAuthStacks();

const clearFaults = () => fetch(`${stacks.stripe.url}/_emulator/faults`, { method: "DELETE" });

const runCron = (authorization?: string) =>
  new TestBrowser().call(cron, { path: "/api/cron/expire-reservations", headers: authorization ? { authorization } : {} });

async function hostedCheckout(stock = 5, quantity = 1) {
  const p = await createProduct({ stock });
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: p.prices.eur, quantity }] } });
  const res = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
  expect(res.status).toBe(200);
  const [order] = await ordersOfCart(browser.cookies.get("cart")!);
  return { product: p, browser, sessionId: res.body.id as string, order: order! };
}

describe("the expiry cron", () => {
  it("needs the cron secret, cancels an abandoned PaymentIntent order once and releases its stock", async () => {
    const p = await createProduct({ stock: 10 });
    const user = await stacks.auth.newUser();
    const res = await new TestBrowser().call(piCheckout, {
      path: "/api/checkout",
      json: { cartItems: [{ variant_id: p.variantId, quantity: 2 }] },
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.status).toBe(200);
    await db()`update orders set expires_at = now() - interval '1 minute' where id = ${res.body.orderId}`;
    expect((await runCron()).status).toBe(401);
    expect((await runCron("Bearer wrong-secret-wrong-secret")).status).toBe(401);
    const first = await runCron(`Bearer ${LOCAL_DEFAULTS.CRON_SECRET}`);
    const second = await runCron(`Bearer ${LOCAL_DEFAULTS.CRON_SECRET}`);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(["expired", "failed", "settled", "skipped"]);
    expect(first.body.expired).toBeGreaterThanOrEqual(1);
    expect(second.status).toBe(200);
    expect((await orderById(res.body.orderId)).status).toBe("canceled");
    expect(await stockOf(p.variantId)).toBe(10);
    const pi = await stacks.stripe.stripe.paymentIntents.retrieve((await orderById(res.body.orderId)).stripe_payment_intent_id!);
    expect(pi.status).toBe("canceled");
  });

  it("never stalls: 101 orders Stripe will not close, then a normal expired order is released within three runs", async () => {
    const tag = crypto.randomBytes(4).toString("hex");
    // 101 expired PaymentIntent orders whose cancel Stripe keeps failing (5xx: outcome unknown).
    await db()`
      insert into orders (currency, amount_total, source, stripe_payment_intent_id, expires_at, stock_held)
      select 'eur', 100, 'payment_intent', 'pi_stuck_' || ${tag} || '_' || i, now() - interval '2 hours' - make_interval(secs => i), false
      from generate_series(1, 101) as i`;
    // And some that must be left alone: under review, or a delayed payment processing.
    await db()`
      insert into orders (currency, amount_total, source, stripe_payment_intent_id, expires_at, stock_held, needs_review, payment_processing)
      values ('eur', 100, 'payment_intent', ${`pi_review_${tag}`}, now() - interval '3 hours', false, true, false),
             ('eur', 100, 'payment_intent', ${`pi_processing_${tag}`}, now() - interval '3 hours', false, false, true)`;
    await stacks.stripe.control("/_emulator/faults", { operation: "payment_intents.cancel", count: 1000, error: { status: 500, type: "api_error", message: "Stripe is having a bad day" } });
    try {
      await neverStalls(tag);
    } finally {
      await clearFaults();
      await db()`update orders set status = 'canceled' where stripe_payment_intent_id like ${`pi_%_${tag}%`}`;
    }
  });

  async function neverStalls(tag: string) {
    const normal = await hostedCheckout(3, 2);
    expect(await stockOf(normal.product.variantId)).toBe(1);
    await db()`update orders set expires_at = now() - interval '1 minute' where id = ${normal.order.id}`;

    const runs = [];
    for (let i = 0; i < 3 && (await orderById(normal.order.id)).status !== "canceled"; i++) runs.push(await sweepOrders());
    expect(runs[0]!.failed).toBeGreaterThanOrEqual(100);
    expect(runs[0]!.skipped).toBeGreaterThanOrEqual(2);
    expect((await orderById(normal.order.id)).status).toBe("canceled");
    expect(await stockOf(normal.product.variantId)).toBe(3);
    expect((await stacks.stripe.stripe.checkout.sessions.retrieve(normal.sessionId)).status).toBe("expired");

    const stuck = await db()<{ status: string; close_attempts: number; next_close_at: Date; last_close_error: string }[]>`
      select status, close_attempts, next_close_at, last_close_error from orders where stripe_payment_intent_id like ${`pi_stuck_${tag}_%`}`;
    expect(stuck).toHaveLength(101);
    for (const o of stuck) {
      expect(o.status).toBe("pending");
      expect(o.close_attempts).toBeGreaterThanOrEqual(1);
      expect(o.next_close_at.getTime()).toBeGreaterThan(Date.now());
      expect(o.last_close_error).toMatch(/api_error/);
    }
    const left = await db()<{ status: string }[]>`select status from orders where stripe_payment_intent_id in (${`pi_review_${tag}`}, ${`pi_processing_${tag}`})`;
    expect(left.map((o) => o.status)).toEqual(["pending", "pending"]);
  }

  it("an order whose Stripe object is gone (keys switched) is canceled locally", async () => {
    const p = await createProduct({ stock: 4 });
    const [o] = await db()<{ id: string }[]>`
      insert into orders (currency, amount_total, source, stripe_payment_intent_id, expires_at)
      values ('eur', 500, 'payment_intent', ${`pi_gone_${crypto.randomBytes(4).toString("hex")}`}, now() - interval '5 minutes') returning id`;
    await db()`insert into order_items (order_id, position, product_id, variant_id, price_id, name, variant_name, sku, currency, unit_amount, quantity)
               values (${o!.id}, 0, ${p.productId}, ${p.variantId}, ${p.prices.eur}, 'x', 'y', 'z', 'eur', 500, 1)`;
    await db()`update variants set stock = stock - 1 where id = ${p.variantId}`;
    await sweepOrders();
    expect((await orderById(o!.id)).status).toBe("canceled");
    expect(await stockOf(p.variantId)).toBe(4);
  });
});

describe("a run's time budget", () => {
  it("starts no Stripe call after its budget: the rest waits for the next run", async () => {
    const tag = crypto.randomBytes(4).toString("hex");
    await db()`
      insert into orders (currency, amount_total, source, stripe_payment_intent_id, expires_at, stock_held)
      select 'eur', 100, 'payment_intent', 'pi_slow_' || ${tag} || '_' || i, now() - interval '4 hours' - make_interval(secs => i), false
      from generate_series(1, 3) as i`;
    // Stripe answers each cancel after 400 ms (and the objects do not exist: resource_missing closes them).
    await stacks.stripe.control("/_emulator/faults", { operation: "payment_intents.cancel", count: 3, mode: "delay", delay_ms: 400 });
    try {
      const first = await sweepOrders({ budgetMs: 300 });
      expect(first.expired + first.failed).toBe(1);
      const open = async () => (await db()<{ n: number }[]>`select count(*)::int as n from orders where stripe_payment_intent_id like ${`pi_slow_${tag}_%`} and status = 'pending'`)[0]!.n;
      expect(await open()).toBe(2);
      await sweepOrders();
      expect(await open()).toBe(0);
    } finally {
      await clearFaults();
    }
  });
});

describe("orders Stripe's answer left unsettled", () => {
  it("a session whose create answer was lost is found again by the cron, expired at Stripe, then released", async () => {
    const p = await createProduct({ stock: 5 });
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: p.prices.eur, quantity: 2 }] } });
    await stacks.stripe.control("/_emulator/faults", { operation: "checkout.sessions.create", count: 2, mode: "drop_after" });
    expect((await browser.call(cartCheckout, { path: "/api/cart/checkout" })).status).toBe(500);
    const [order] = await ordersOfCart(browser.cookies.get("cart")!);
    expect(order!.stripe_checkout_session_id).toBeNull();
    // Its cart moved on (the order must be closed now): the cron replays the create to find what Stripe made.
    await db()`update orders set close_requested_at = now() where id = ${order!.id}`;
    await sweepOrders();
    const closed = await orderById(order!.id);
    expect(closed.status).toBe("canceled");
    expect(closed.stripe_checkout_session_id).not.toBeNull();
    expect((await stacks.stripe.stripe.checkout.sessions.retrieve(closed.stripe_checkout_session_id!)).status).toBe("expired");
    expect(await stockOf(p.variantId)).toBe(5);
  });

  it("a superseded order Stripe did not answer for is closed by the next cron run, before its reservation ends", async () => {
    const first = await hostedCheckout();
    const other = await createProduct({ stock: 5 });
    await first.browser.call(add, { path: "/api/cart/add", json: { items: [{ price: other.prices.eur, quantity: 1 }] } });
    await stacks.stripe.control("/_emulator/faults", { operation: "checkout.sessions.expire", count: 1, error: { status: 503, type: "api_error", message: "unavailable" } });
    expect((await first.browser.call(cartCheckout, { path: "/api/cart/checkout" })).status).toBe(200);
    expect((await orderById(first.order.id)).status).toBe("pending");
    // Its backoff has passed.
    await db()`update orders set next_close_at = now() - interval '1 second' where id = ${first.order.id}`;
    await sweepOrders();
    expect((await orderById(first.order.id)).status).toBe("canceled");
    expect((await stacks.stripe.stripe.checkout.sessions.retrieve(first.sessionId)).status).toBe("expired");
    expect(await stockOf(first.product.variantId)).toBe(4); // only the new order's unit is held now
  });
});

describe("missed webhooks", () => {
  it("a session paid while webhooks were paused is marked paid by the cron, without anyone opening a page", async () => {
    const { order, sessionId, product } = await hostedCheckout(5, 2);
    await stacks.stripe.control("/_emulator/webhooks", { paused: true });
    try {
      await stacks.stripe.control("/_emulator/pay", { id: sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
      // Not yet old enough to be checked: the webhook normally comes within seconds.
      await sweepOrders();
      expect((await orderById(order.id)).status).toBe("pending");
      await db()`update orders set created_at = now() - interval '11 minutes' where id = ${order.id}`;
      const result = await sweepOrders();
      expect(result.settled).toBeGreaterThanOrEqual(1);
      const paid = await orderById(order.id);
      expect(paid.status).toBe("paid");
      // The PaymentIntent id the missed webhook would have stored, so later refunds find the order.
      expect(paid.stripe_payment_intent_id).toMatch(/^pi_/);
      expect(await stockOf(product.variantId)).toBe(3);
    } finally {
      await stacks.stripe.control("/_emulator/webhooks", { paused: false });
    }
  });

  it("reads each order from Stripe at most once per interval and at most N per run", async () => {
    const a = await hostedCheckout();
    const b = await hostedCheckout();
    await db()`update orders set created_at = now() - interval '20 minutes', stripe_checked_at = null where id in (${a.order.id}, ${b.order.id})`;
    await sweepOrders({ confirmLimit: 1 });
    const checked = async () => (await db()<{ n: number }[]>`select count(*)::int as n from orders where id in (${a.order.id}, ${b.order.id}) and stripe_checked_at is not null`)[0]!.n;
    expect(await checked()).toBe(1);
    await sweepOrders({ confirmLimit: 1 });
    expect(await checked()).toBe(2);
  });
});
