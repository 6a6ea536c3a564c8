import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { POST as syncRoute } from "@/app/api/checkout/sessions/[id]/cart/route";
import { db } from "@/lib/db";
import { syncCheckoutCart } from "@/lib/checkout/sync-cart";
import { reconcileAll } from "@/lib/checkout/reconcile";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById } from "../../helpers/orders";
import { SHIP_TO } from "../../helpers/shipping";

let stack: StripeStack;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  a = await createProduct({ stock: 50, name: "Sync Mug", prices: [{ currency: "eur", unit_amount: 1000 }] });
  b = await createProduct({ stock: 50, name: "Sync Tote", prices: [{ currency: "eur", unit_amount: 250 }] });
});
afterAll(() => stack.close());

interface Open {
  browser: TestBrowser;
  sessionId: string;
  lineA: string;
  lineB: string;
  orderId: string;
}

async function openEditableCheckout(qa = 1, qb = 2): Promise<Open> {
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: qa }, { price: b.prices.eur, quantity: qb }] } });
  const res = await browser.call(checkout, { path: "/api/cart/checkout", json: { ui_mode: "elements" } });
  expect(res.status).toBe(200);
  expect(res.body.ui_mode).toBe("elements");
  expect(res.body.url).toBe(`http://127.0.0.1:3000/checkout/session/${res.body.id}`);
  const lines = await stack.stripe.checkout.sessions.listLineItems(res.body.id);
  const [row] = await db()<{ order_id: string }[]>`select order_id from carts where checkout_session_id = ${res.body.id}`;
  return { browser, sessionId: res.body.id, lineA: lines.data[0]!.id, lineB: lines.data[1]!.id, orderId: row!.order_id };
}

function edit(o: Open, json: unknown, browser = o.browser) {
  return browser.call(syncRoute, { path: `/api/checkout/sessions/${o.sessionId}/cart`, json, params: { id: o.sessionId } });
}

async function ourState(o: Open) {
  const [cart] = await db()<{ version: number; sync_state: string }[]>`select version, sync_state from carts where checkout_session_id = ${o.sessionId}`;
  const items = await db()<{ price_id: string; quantity: number }[]>`
    select ci.price_id, ci.quantity from cart_items ci join carts c on c.id = ci.cart_id where c.checkout_session_id = ${o.sessionId} order by ci.position`;
  return { version: cart!.version, syncState: cart!.sync_state, items: items.map((i) => [i.price_id, i.quantity]) };
}

async function stripeState(o: Open) {
  const s = await stack.stripe.checkout.sessions.retrieve(o.sessionId);
  const lines = await stack.stripe.checkout.sessions.listLineItems(o.sessionId);
  return { amountTotal: s.amount_total, lines: lines.data.map((l) => [l.id, l.quantity]) };
}

describe("syncCheckoutCart (seeds 000 + 003)", () => {
  it("a quantity change updates our cart, the held stock and the session's line items", async () => {
    const o = await openEditableCheckout();
    const stockA = await stockOf(a.variantId);
    const res = await edit(o, { lineItemId: o.lineA, quantity: 3, amountMinor: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amountMinor: 3 * 1000 + 2 * 250, currency: "eur" });
    expect(res.body.cart.lineItems.map((l: any) => [l.id, l.quantity])).toEqual([[o.lineA, 3], [o.lineB, 2]]);
    expect((await ourState(o)).items).toEqual([[a.prices.eur, 3], [b.prices.eur, 2]]);
    expect(await stockOf(a.variantId)).toBe(stockA - 2);
    const stripe = await stripeState(o);
    expect(stripe.lines).toEqual([[o.lineA, 3], [o.lineB, 2]]);
    expect(stripe.amountTotal).toBe(res.body.amountMinor);
    expect((await orderById(o.orderId)).amount_total).toBe(res.body.amountMinor);
  });

  it("removing a line omits it at Stripe and releases its stock", async () => {
    const o = await openEditableCheckout();
    const stockB = await stockOf(b.variantId);
    const res = await edit(o, { lineItemId: o.lineB, remove: true });
    expect(res.status).toBe(200);
    expect((await stripeState(o)).lines).toEqual([[o.lineA, 1]]);
    expect(await stockOf(b.variantId)).toBe(stockB + 2);
  });

  it.each([0, -1, 1.5, "2", null])("answers invalid_quantity for %j", async (quantity) => {
    const o = await openEditableCheckout();
    const res = await edit(o, { lineItemId: o.lineA, quantity });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_quantity" } });
  });

  it("refuses an unknown line item (400) and someone else's session (404)", async () => {
    const o = await openEditableCheckout();
    expect((await edit(o, { lineItemId: "li_nope", quantity: 2 })).status).toBe(400);
    const stranger = new TestBrowser();
    expect((await edit(o, { lineItemId: o.lineA, quantity: 2 }, stranger)).status).toBe(404);
  });

  it("when Stripe's update fails: 502, and cart version, stock and session exactly as before", async () => {
    const o = await openEditableCheckout();
    const before = { ours: await ourState(o), stripe: await stripeState(o), stock: await stockOf(a.variantId) };
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, error: { status: 500, type: "api_error", message: "boom" } });
    const res = await edit(o, { lineItemId: o.lineA, quantity: 4 });
    expect(res).toMatchObject({ status: 502, body: { error: "checkout_update_failed" } });
    expect(await ourState(o)).toEqual(before.ours);
    expect(await stripeState(o)).toEqual(before.stripe);
    expect(await stockOf(a.variantId)).toBe(before.stock);
  });

  it("after a dropped connection it reads the session back before undoing anything", async () => {
    const o = await openEditableCheckout();
    const before = { ours: await ourState(o), stripe: await stripeState(o) };
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, mode: "drop" });
    const res = await edit(o, { lineItemId: o.lineA, quantity: 3 });
    expect(res).toMatchObject({ status: 502, body: { error: "checkout_update_failed" } });
    expect(await ourState(o)).toEqual(before.ours);
    expect(await stripeState(o)).toEqual(before.stripe);
  });

  it("when the rollback fails too: 409, payment refused, `reconcile` repairs it and paying works", async () => {
    const o = await openEditableCheckout();
    const stockBefore = await stockOf(a.variantId);
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, error: { status: 500, type: "api_error", message: "boom" } });
    const number = o.browser.cookies.get("cart")!;
    const failing = syncCheckoutCart({ cartNumber: number, userId: null }, o.sessionId, { lineItemId: o.lineA, quantity: 5 }, {
      beforeRollback: async () => {
        throw new Error("simulated rollback write failure");
      },
    });
    await expect(failing).rejects.toMatchObject({ status: 409, code: "cart_reconciliation_required" });
    expect((await ourState(o)).syncState).toBe("reconciliation_required");
    // One update path after binding: no pay step, no further edits while unreconciled.
    const pay = await o.browser.call(checkout, { path: "/api/cart/checkout", json: { ui_mode: "elements" } });
    expect(pay.status).toBe(409);
    expect((await edit(o, { lineItemId: o.lineA, quantity: 2 })).body).toEqual({ error: "cart_reconciliation_required" });

    const results = await reconcileAll();
    expect(results).toContainEqual(expect.objectContaining({ outcome: "restored" }));
    const ours = await ourState(o);
    expect(ours.syncState).toBe("in_sync");
    expect(ours.items).toEqual([[a.prices.eur, 1], [b.prices.eur, 2]]);
    expect(await stockOf(a.variantId)).toBe(stockBefore);
    const types = (await db()<{ type: string }[]>`select type from order_events where order_id = ${o.orderId} order by id`).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["reconciliation_required", "reconciled"]));

    await stack.control("/_emulator/pay", { id: o.sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
    await eventually(async () => (await orderById(o.orderId)).status === "paid");
    expect((await orderById(o.orderId)).needs_review).toBe(false);
  });

  it("the same change clicked twice at once ends as intended with one Stripe update", async () => {
    const o = await openEditableCheckout();
    const [r1, r2] = await Promise.all([edit(o, { lineItemId: o.lineA, quantity: 4 }), edit(o, { lineItemId: o.lineA, quantity: 4 })]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const ours = await ourState(o);
    expect(ours.items).toEqual([[a.prices.eur, 4], [b.prices.eur, 2]]);
    expect(ours.version).toBe(r1.body.cart.version > r2.body.cart.version ? r1.body.cart.version : r2.body.cart.version);
    const updates = await db()`select 1 from order_events where order_id = ${o.orderId} and type = 'cart_updated'`;
    expect(updates).toHaveLength(1);
    expect((await stripeState(o)).lines).toEqual([[o.lineA, 4], [o.lineB, 2]]);
  });

  it("two different changes at once are both applied and both sides agree", async () => {
    const o = await openEditableCheckout();
    const [r1, r2] = await Promise.all([edit(o, { lineItemId: o.lineA, quantity: 6 }), edit(o, { lineItemId: o.lineB, quantity: 5 })]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect((await ourState(o)).items).toEqual([[a.prices.eur, 6], [b.prices.eur, 5]]);
    const stripe = await stripeState(o);
    expect(stripe.lines).toEqual([[o.lineA, 6], [o.lineB, 5]]);
    expect(stripe.amountTotal).toBe(6 * 1000 + 5 * 250);
  });

  it("more units than free stock is refused with nothing changed", async () => {
    const o = await openEditableCheckout();
    const before = await ourState(o);
    const res = await edit(o, { lineItemId: o.lineA, quantity: 999 });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("insufficient_stock");
    expect(await ourState(o)).toEqual(before);
  });

  it("an expired or completed session cannot be edited", async () => {
    const expired = await openEditableCheckout();
    await stack.stripe.checkout.sessions.expire(expired.sessionId);
    await eventually(async () => (await orderById(expired.orderId)).status === "canceled");
    const r1 = await edit(expired, { lineItemId: expired.lineA, quantity: 2 });
    expect(r1.status).toBe(400);
    expect(r1.body.message).toMatch(/expired/);

    const done = await openEditableCheckout();
    await stack.control("/_emulator/pay", { id: done.sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
    await eventually(async () => (await orderById(done.orderId)).status === "paid");
    const r2 = await edit(done, { lineItemId: done.lineA, quantity: 2 });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toMatch(/completed/);
  });

  it("choosing express shipping moves our total and Stripe's amount_total together, and pays", async () => {
    const o = await openEditableCheckout();
    const before = await orderById(o.orderId);
    expect(before).toMatchObject({ shipping_option: "standard", amount_shipping: 0 });
    const res = await edit(o, { shippingOption: "express" });
    expect(res.status).toBe(200);
    expect(res.body.amountMinor).toBe(before.amount_total + 950);
    expect(res.body.cart.shipping).toEqual({ option: "express", amountMinor: 950 });
    const after = await orderById(o.orderId);
    expect(after).toMatchObject({ shipping_option: "express", amount_shipping: 950, amount_total: before.amount_total + 950 });
    expect((await stripeState(o)).amountTotal).toBe(after.amount_total);
    expect((await edit(o, { shippingOption: "overnight-by-drone" })).body).toMatchObject({ error: "invalid_shipping_option" });

    await stack.control("/_emulator/pay", { id: o.sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
    await eventually(async () => (await orderById(o.orderId)).status === "paid");
    expect((await orderById(o.orderId)).needs_review).toBe(false);
  });

  it("a shipping change Stripe refuses is rolled back on our side", async () => {
    const o = await openEditableCheckout();
    const before = { order: await orderById(o.orderId), ours: await ourState(o), stripe: await stripeState(o) };
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, error: { status: 500, type: "api_error", message: "boom" } });
    const res = await edit(o, { shippingOption: "express" });
    expect(res).toMatchObject({ status: 502, body: { error: "checkout_update_failed" } });
    const order = await orderById(o.orderId);
    expect([order.shipping_option, order.amount_shipping, order.amount_total]).toEqual([before.order.shipping_option, 0, before.order.amount_total]);
    expect(await ourState(o)).toEqual(before.ours);
    expect(await stripeState(o)).toEqual(before.stripe);
  });

  it("reconciliation also restores a shipping choice Stripe never took", async () => {
    const o = await openEditableCheckout();
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, error: { status: 500, type: "api_error", message: "boom" } });
    const failing = syncCheckoutCart({ cartNumber: o.browser.cookies.get("cart")!, userId: null }, o.sessionId, { shippingOption: "express" }, {
      beforeRollback: async () => {
        throw new Error("simulated rollback write failure");
      },
    });
    await expect(failing).rejects.toMatchObject({ code: "cart_reconciliation_required" });
    expect((await orderById(o.orderId)).shipping_option).toBe("express");
    await reconcileAll();
    const order = await orderById(o.orderId);
    expect([order.shipping_option, order.amount_shipping]).toEqual(["standard", 0]);
    expect((await stripeState(o)).amountTotal).toBe(order.amount_total);
    expect((await ourState(o)).syncState).toBe("in_sync");
  });

  it("the plain cart API refuses to edit a cart bound to an open editable session", async () => {
    const o = await openEditableCheckout();
    const res = await o.browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/checkout page/);
  });
});
