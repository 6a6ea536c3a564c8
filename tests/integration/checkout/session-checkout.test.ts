import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as update } from "@/app/api/cart/update/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { GET as getCart } from "@/app/api/cart/route";
import { db } from "@/lib/db";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById, ordersOfCart } from "../../helpers/orders";
import { SHIP_TO } from "../../helpers/shipping";

let stack: StripeStack;
let mug: Fixture;
let plan: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  mug = await createProduct({ stock: 50, name: "Checkout Mug", prices: [{ currency: "eur", unit_amount: 2400 }] });
  plan = await createProduct({
    stock: 500,
    prices: [{ currency: "eur", unit_amount: 1600, recurring: { interval: "month", interval_count: 1 } }],
  });
});
afterAll(() => stack.close());

async function cartWith(items: { price: string; quantity: number }[]) {
  const browser = new TestBrowser();
  const res = await browser.call(add, { path: "/api/cart/add", json: { items } });
  expect(res.status).toBe(200);
  return browser;
}

describe("POST /api/cart/checkout", () => {
  it("creates a payment-mode session from database prices, holds stock and a pending order", async () => {
    const before = await stockOf(mug.variantId);
    // Extra client fields (a price the client would like) are ignored.
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: mug.prices.eur, quantity: 2, unit_amount: 1 }] } });
    const res = await browser.call(checkout, { path: "/api/cart/checkout", json: { amount_total: 5 } });
    expect(res.status).toBe(200);
    const session = res.body;
    expect(session).toMatchObject({ object: "checkout.session", mode: "payment", status: "open", amount_total: 4800, currency: "eur" });
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_/);
    const number = browser.cookies.get("cart")!;
    const [order] = await ordersOfCart(number);
    expect(order).toMatchObject({ status: "pending", amount_total: 4800, source: "checkout_session", stripe_checkout_session_id: session.id });
    expect(session.metadata).toEqual({ cart_number: number, order_id: order!.id });
    expect(session.client_reference_id).toBe(order!.id);
    expect(session.success_url).toBe(`http://127.0.0.1:3000/orders/${order!.id}?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.cancel_url).toBe("http://127.0.0.1:3000/cart");
    expect(session.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(30 * 60);
    expect(await stockOf(mug.variantId)).toBe(before - 2);
    const lines = await stack.stripe.checkout.sessions.listLineItems(session.id);
    expect(lines.data.map((l) => [l.quantity, l.price?.unit_amount])).toEqual([[2, 2400]]);
  });

  it("uses subscription mode when an item is recurring", async () => {
    const browser = await cartWith([{ price: plan.prices.eur_month, quantity: 1 }, { price: mug.prices.eur, quantity: 1 }]);
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe("subscription");
  });

  it("returns the same session for an unchanged cart (double checkout → one order)", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 1 }]);
    const [a, b] = await Promise.all([
      browser.call(checkout, { path: "/api/cart/checkout" }),
      browser.call(checkout, { path: "/api/cart/checkout" }),
    ]);
    const c = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect(await ordersOfCart(browser.cookies.get("cart")!)).toHaveLength(1);
  });

  it("a changed cart expires the old session, cancels its order and releases its stock", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 3 }]);
    const first = await browser.call(checkout, { path: "/api/cart/checkout" });
    const held = await stockOf(mug.variantId);
    await browser.call(update, { path: "/api/cart/update", json: { updates: { [mug.prices.eur]: { quantity: 1 } } } });
    const second = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(second.status).toBe(200);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.amount_total).toBe(2400);
    const old = await stack.stripe.checkout.sessions.retrieve(first.body.id);
    expect(old.status).toBe("expired");
    const orders = await ordersOfCart(browser.cookies.get("cart")!);
    expect(orders.map((o) => o.status)).toEqual(["canceled", "pending"]);
    expect(await stockOf(mug.variantId)).toBe(held + 3 - 1);
  });

  it("a changed cart whose own earlier order holds the last units still checks out: those units come back first", async () => {
    const last = await createProduct({ stock: 2, name: "Last Two" });
    const browser = await cartWith([{ price: last.prices.eur, quantity: 2 }, { price: mug.prices.eur, quantity: 1 }]);
    expect((await browser.call(checkout, { path: "/api/cart/checkout" })).status).toBe(200);
    expect(await stockOf(last.variantId)).toBe(0); // the read of the next checkout sees 0 left
    await browser.call(update, { path: "/api/cart/update", json: { updates: { [mug.prices.eur]: { quantity: 2 } } } });
    const again = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(again.status).toBe(200);
    expect((await ordersOfCart(browser.cookies.get("cart")!)).map((o) => o.status)).toEqual(["canceled", "pending"]);
    expect(await stockOf(last.variantId)).toBe(0);
  });

  it("refuses a cart short of stock with a message naming the product, holding nothing", async () => {
    const scarce = await createProduct({ stock: 2, name: "Scarce Kettle" });
    const browser = await cartWith([{ price: scarce.prices.eur, quantity: 3 }, { price: mug.prices.eur, quantity: 1 }]);
    const mugStock = await stockOf(mug.variantId);
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, error: true });
    expect(res.body.message).toMatch(/Scarce Kettle/);
    expect(await stockOf(scarce.variantId)).toBe(2);
    expect(await stockOf(mug.variantId)).toBe(mugStock);
    expect(await ordersOfCart(browser.cookies.get("cart")!)).toHaveLength(0);
  });

  it("when Stripe definitely refuses: 500 Server Error, order canceled, no stock held", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 4 }]);
    const before = await stockOf(mug.variantId);
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.create", count: 1, error: { status: 400, type: "invalid_request_error", message: "boom" } });
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ status: 500, error: true, message: "Server Error" });
    expect(await stockOf(mug.variantId)).toBe(before);
    const orders = await ordersOfCart(browser.cookies.get("cart")!);
    expect(orders.map((o) => [o.status, o.stock_held])).toEqual([["canceled", false]]);
    // The next try works.
    const again = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(again.status).toBe(200);
  });

  it("when Stripe's answer is lost: 500 Server Error, the order keeps its units, the retry finds the same session", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 4 }]);
    const before = await stockOf(mug.variantId);
    // Stripe makes the session, the answer never arrives (twice: the SDK retries a closed connection once).
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.create", count: 2, mode: "drop_after" });
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ status: 500, error: true, message: "Server Error" });
    expect(await stockOf(mug.variantId)).toBe(before - 4);
    const [pending] = await ordersOfCart(browser.cookies.get("cart")!);
    expect([pending!.status, pending!.stock_held]).toEqual(["pending", true]);
    const again = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(again.status).toBe(200);
    const orders = await ordersOfCart(browser.cookies.get("cart")!);
    expect(orders.map((o) => o.id)).toEqual([pending!.id]);
    expect(orders[0]!.stripe_checkout_session_id).toBe(again.body.id);
    expect(await stockOf(mug.variantId)).toBe(before - 4);
  });

  it("20 parallel checkouts of carts holding the last unit: exactly one order holds it", async () => {
    const last = await createProduct({ stock: 1, name: "Last Unit" });
    const browsers = await Promise.all(Array.from({ length: 20 }, () => cartWith([{ price: last.prices.eur, quantity: 1 }])));
    const results = await Promise.all(browsers.map((b) => b.call(checkout, { path: "/api/cart/checkout" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(19);
    expect(await stockOf(last.variantId)).toBe(0);
    const [row] = await db()<{ n: number }[]>`
      select count(*)::int as n from orders o join order_items i on i.order_id = o.id
      where i.variant_id = ${last.variantId} and o.stock_held`;
    expect(row!.n).toBe(1);
  });
});

describe("paying a Checkout Session", () => {
  it("marks the order paid only when the signed webhook lands, and the next add starts a new cart", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 1 }]);
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    const number = browser.cookies.get("cart")!;
    const [order] = await ordersOfCart(number);
    expect(order!.status).toBe("pending");
    await stack.control("/_emulator/pay", { id: res.body.id, payment_method: "pm_card_visa", ...SHIP_TO });
    const paid = await eventually(async () => {
      const o = await orderById(order!.id);
      return o.status === "paid" ? o : null;
    });
    expect(paid.paid_at).not.toBeNull();
    const next = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: mug.prices.eur, quantity: 1 }] } });
    expect(next.body.number).not.toBe(number);
    const cart = await browser.call(getCart, { path: "/api/cart" });
    expect(cart.body.item_count).toBe(1);
  });

  it("duplicate and reordered deliveries give one paid order and take stock once", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 2 }]);
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    const stockAfterCheckout = await stockOf(mug.variantId);
    const [order] = await ordersOfCart(browser.cookies.get("cart")!);
    await stack.control("/_emulator/webhooks", { deliveryMode: "twice", paused: true });
    await stack.control("/_emulator/pay", { id: res.body.id, payment_method: "pm_card_visa", ...SHIP_TO });
    await stack.control("/_emulator/webhooks", { deliveryMode: "reverse", paused: false });
    await stack.control("/_emulator/webhooks/flush", {});
    await eventually(async () => (await orderById(order!.id)).status === "paid");
    await new Promise((r) => setTimeout(r, 300));
    await stack.control("/_emulator/webhooks", { deliveryMode: "normal" });
    const events = await db()<{ type: string; to_status: string }[]>`
      select type, to_status from order_events where order_id = ${order!.id} and type = 'status_changed'`;
    expect(events).toEqual([{ type: "status_changed", to_status: "paid" }]);
    expect(await stockOf(mug.variantId)).toBe(stockAfterCheckout);
  });

  it("an expired session cancels the order and releases its stock", async () => {
    const browser = await cartWith([{ price: mug.prices.eur, quantity: 5 }]);
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    const held = await stockOf(mug.variantId);
    const [order] = await ordersOfCart(browser.cookies.get("cart")!);
    await stack.stripe.checkout.sessions.expire(res.body.id);
    await eventually(async () => (await orderById(order!.id)).status === "canceled");
    expect(await stockOf(mug.variantId)).toBe(held + 5);
  });
});
