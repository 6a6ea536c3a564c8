import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as ship } from "@/app/api/admin/orders/ship/route";
import { POST as review } from "@/app/api/admin/orders/[id]/review/route";
import { POST as cancel } from "@/app/api/admin/orders/[id]/cancel/route";
import { POST as fulfillment } from "@/app/api/admin/orders/[id]/fulfillment/route";
import { GET as listOrders } from "@/app/api/admin/orders/route";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { orderById } from "../../helpers/orders";
import { paymentIntentCheckout } from "../payments/helpers";
import { adminEvents, cookieBrowser, insertOrder, merchantSuite } from "./helpers";

const { stripe: stack, auth, merchant } = merchantSuite();

const shipJson = (shipments: { order_id: string; carrier?: string; tracking_number?: string }[]) =>
  merchant.browser.call(ship, {
    path: "/api/admin/orders/ship",
    json: { shipments: shipments.map((s) => ({ carrier: "dhl", tracking_number: "JD014600006281230704", ...s })) },
  });

const fields = (f: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
const form = { "content-type": "application/x-www-form-urlencoded" };

describe("fulfillment", () => {
  it("ships paid orders with tracking, several at once from the list's form, recording the merchant", async () => {
    const [a, b] = await Promise.all([insertOrder({ amountTotal: 100 }), insertOrder({ amountTotal: 200 })]);
    const res = await merchant.browser.call(ship, {
      path: "/api/admin/orders/ship",
      rawBody: fields({ order: [a, b], carrier: "ups", [`tracking_${a}`]: "1Z999AA10123456784", [`tracking_${b}`]: " 1Z999AA10123456785 " }),
      headers: form,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/\/admin\/orders\?shipped=2$/);
    for (const [id, number] of [[a, "1Z999AA10123456784"], [b, "1Z999AA10123456785"]] as const) {
      const o = (await orderById(id)) as unknown as Record<string, unknown>;
      expect([o.fulfillment_status, o.carrier, o.tracking_number, o.shipped_at instanceof Date]).toEqual(["shipped", "ups", number, true]);
      expect(await adminEvents(id)).toEqual([{ type: "admin_shipped", actor_id: merchant.id, detail: { fulfillment: "shipped", carrier: "ups", tracking_number: number } }]);
    }
  });

  it("only paid orders ship: pending, refunded, canceled and already shipped ones are refused, and a batch is all or none", async () => {
    const paid = await insertOrder({ amountTotal: 100 });
    for (const status of ["pending", "failed", "canceled", "refunded"]) {
      const other = await insertOrder({ status, amountTotal: 100, amountRefunded: status === "refunded" ? 100 : 0 });
      const res = await shipJson([{ order_id: paid }, { order_id: other }]);
      expect([status, res.status, res.body.error]).toEqual([status, 409, "not_shippable"]);
      expect((await orderById(other) as unknown as Record<string, unknown>).fulfillment_status).toBe("unfulfilled");
    }
    expect((await orderById(paid) as unknown as Record<string, unknown>).fulfillment_status).toBe("unfulfilled");
    expect((await shipJson([{ order_id: paid }])).status).toBe(200);
    expect((await shipJson([{ order_id: paid }])).status).toBe(409);
    expect((await shipJson([{ order_id: crypto.randomUUID() }])).status).toBe(409);
    expect((await shipJson([{ order_id: paid, carrier: "pigeon" }])).status).toBe(400);
    expect((await shipJson([{ order_id: paid, tracking_number: "<script>" }])).status).toBe(400);
    expect((await merchant.browser.call(ship, { path: "/api/admin/orders/ship", rawBody: fields({ order: paid, carrier: "ups" }), headers: form })).headers.get("location"))
      .toMatch(/\/admin\/orders\?error=Enter\+a\+tracking/);
  });

  it("shipped → delivered, or returned; not backwards", async () => {
    const id = await insertOrder({ amountTotal: 100 });
    const set = (status: string) => merchant.browser.call(fulfillment, { path: `/api/admin/orders/${id}/fulfillment`, params: { id }, json: { status } });
    expect((await set("delivered")).status).toBe(409);
    await shipJson([{ order_id: id }]);
    expect((await set("delivered")).status).toBe(200);
    expect((await set("delivered")).status).toBe(409);
    expect((await set("returned")).status).toBe(200);
    expect((await set("shipped")).status).toBe(400);
    expect((await adminEvents(id)).map((e) => [e.type, e.actor_id])).toEqual([
      ["admin_shipped", merchant.id], ["admin_delivered", merchant.id], ["admin_returned", merchant.id],
    ]);
  });
});

describe("review and cancel", () => {
  it("clears a review flag with the merchant's note; the reason stays in the timeline", async () => {
    const id = await insertOrder({ amountTotal: 100, needsReview: true, reviewReason: "Payment disputed (fraudulent)" });
    const call = (json: unknown) => merchant.browser.call(review, { path: `/api/admin/orders/${id}/review`, params: { id }, json });
    expect((await call({ note: "  " })).status).toBe(400);
    expect((await call({ note: "Customer confirmed by phone" })).status).toBe(200);
    const o = await orderById(id);
    expect([o.needs_review, o.review_reason]).toEqual([false, null]);
    expect(await adminEvents(id)).toEqual([{ type: "admin_review_cleared", actor_id: merchant.id, detail: { note: "Customer confirmed by phone", reason: "Payment disputed (fraudulent)" } }]);
    expect((await call({ note: "again" })).status).toBe(409);
  });

  it("cancels an unpaid order at Stripe and releases its stock; a paid order cannot be canceled", async () => {
    const product = await createProduct({ stock: 5 });
    const user = await auth.newUser();
    const checkout = await paymentIntentCheckout(user.token, product, 2);
    const id = checkout.body.orderId as string;
    expect(await stockOf(product.variantId)).toBe(3);
    const res = await merchant.browser.call(cancel, { path: `/api/admin/orders/${id}/cancel`, params: { id }, json: {} });
    expect(res.status).toBe(200);
    expect((await orderById(id)).status).toBe("canceled");
    expect(await stockOf(product.variantId)).toBe(5);
    const pi = (await orderById(id)).stripe_payment_intent_id!;
    expect((await stack.stripe.paymentIntents.retrieve(pi)).status).toBe("canceled");
    expect(await adminEvents(id)).toEqual([{ type: "admin_cancel_requested", actor_id: merchant.id, detail: { outcome: "closed" } }]);

    const paid = await insertOrder({ amountTotal: 100 });
    const refused = await merchant.browser.call(cancel, { path: `/api/admin/orders/${paid}/cancel`, params: { id: paid }, json: {} });
    expect(refused.status).toBe(409);
    expect((await orderById(paid)).status).toBe("paid");
  });

  it("refuses a cross-site form post even with the merchant's credentials", async () => {
    const id = await insertOrder({ amountTotal: 100, needsReview: true, reviewReason: "x" });
    const browser = await cookieBrowser(auth, merchant.email, merchant.password);
    const post = (origin: string) => browser.call(review, { path: `/api/admin/orders/${id}/review`, params: { id }, rawBody: fields({ note: "ok" }), headers: { ...form, origin } });
    const res = await post("https://evil.example");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/error=Cross-site/);
    expect((await orderById(id)).needs_review).toBe(true);
    expect((await post("http://127.0.0.1:3000")).headers.get("location")).toMatch(/notice=review_cleared$/);
    expect((await orderById(id)).needs_review).toBe(false);
  });
});

describe("bad bodies", () => {
  it("are 4xx, never read past the limit, and change nothing", async () => {
    const id = await insertOrder({ amountTotal: 100, needsReview: true, reviewReason: "x" });
    const big = await merchant.browser.call(review, { path: `/api/admin/orders/${id}/review`, params: { id }, json: { note: "x".repeat(100_000) } });
    expect(big.status).toBe(413);
    const huge = await merchant.browser.call(ship, { path: "/api/admin/orders/ship", rawBody: "x".repeat(300_000), headers: { "content-type": "application/json" } });
    expect(huge.status).toBe(413);
    for (const rawBody of ["{", "[]", "null", '{"note": {"a": 1}}']) {
      const res = await merchant.browser.call(review, { path: `/api/admin/orders/${id}/review`, params: { id }, rawBody, headers: { "content-type": "application/json" } });
      expect([rawBody, res.status]).toEqual([rawBody, 400]);
    }
    expect((await shipJson([])).status).toBe(400);
    expect((await orderById(id)).needs_review).toBe(true);
  });
});

describe("orders list", () => {
  it("pages by keyset, newest first, with filters", async () => {
    const at = (min: number) => new Date(Date.UTC(2003, 0, 1, 0, min));
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await insertOrder({ amountTotal: 100 + i, createdAt: at(i), needsReview: i % 2 === 0, reviewReason: i % 2 === 0 ? "r" : null }));
    // Two orders in the same microsecond still page apart (the id breaks the tie).
    ids.push(await insertOrder({ amountTotal: 999, createdAt: at(6) }));
    const expected = (await Promise.all(ids.map(orderById))).sort((x, y) => y.created_at.getTime() - x.created_at.getTime() || (y.id > x.id ? 1 : -1)).map((o) => o.id);
    const seen: string[] = [];
    let after = "";
    for (let page = 0; page < 10; page++) {
      const res = await merchant.browser.call(listOrders, { path: `/api/admin/orders?from=2003-01-01&to=2003-01-01${after ? `&after=${after}` : ""}` });
      expect(res.status).toBe(200);
      seen.push(...res.body.orders.map((o: { id: string }) => o.id));
      if (!res.body.next) break;
      after = res.body.next;
    }
    expect(seen).toEqual(expected);
    const flagged = await merchant.browser.call(listOrders, { path: "/api/admin/orders?from=2003-01-01&to=2003-01-01&review=1&status=paid" });
    expect(flagged.body.orders).toHaveLength(4);
    await shipJson([{ order_id: ids[1]! }]);
    const shipped = await merchant.browser.call(listOrders, { path: "/api/admin/orders?from=2003-01-01&to=2003-01-01&fulfillment=shipped" });
    expect(shipped.body.orders.map((o: { id: string }) => o.id)).toEqual([ids[1]]);
    expect((await merchant.browser.call(listOrders, { path: "/api/admin/orders?status=lost" })).status).toBe(400);
  });
});
