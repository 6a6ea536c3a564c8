import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { signedWebhook } from "../../helpers/signed-webhook";
import { orderById, orderEvents } from "../../helpers/orders";

let product: Fixture;
const browser = new TestBrowser();

async function pendingPiOrder(quantity = 1, amount = 1000): Promise<{ id: string; pi: string }> {
  const pi = `pi_test_${crypto.randomBytes(6).toString("hex")}`;
  const [o] = await db()<{ id: string }[]>`
    insert into orders (currency, amount_total, source, stripe_payment_intent_id, expires_at)
    values ('eur', ${amount * quantity}, 'payment_intent', ${pi}, now() + interval '31 minutes') returning id`;
  await db()`insert into order_items (order_id, product_id, variant_id, price_id, name, sku, currency, unit_amount, quantity)
             values (${o!.id}, ${product.productId}, ${product.variantId}, ${product.prices.eur}, 'x', 'x', 'eur', ${amount}, ${quantity})`;
  await db()`update variants set stock = stock - ${quantity} where id = ${product.variantId}`;
  return { id: o!.id, pi };
}

function piEvent(type: string, pi: string, orderId: string, amount: number, extra: Record<string, unknown> = {}) {
  return {
    id: `evt_${crypto.randomBytes(8).toString("hex")}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: pi, object: "payment_intent", amount, amount_received: type.endsWith("succeeded") ? amount : 0, currency: "eur", status: "x", metadata: { order_id: orderId }, ...extra } },
  };
}

async function deliver(event: object, opts: { secret?: string; timestamp?: number } = {}) {
  const { body, signature } = signedWebhook(event, opts);
  return browser.call(webhook, { path: "/api/webhooks/stripe", rawBody: body, headers: { "stripe-signature": signature, "content-type": "application/json" } });
}

beforeAll(async () => {
  product = await createProduct({ stock: 100 });
  await db()`create or replace function test_fail_event() returns trigger language plpgsql as $$
    begin if new.id like 'evt_dbfail%' then raise exception 'simulated database failure'; end if; return new; end $$`;
  await db()`create trigger test_fail_event before insert on stripe_events for each row execute function test_fail_event()`;
});
afterAll(async () => {
  await db()`drop trigger if exists test_fail_event on stripe_events`;
});

describe("POST /api/webhooks/stripe", () => {
  it("rejects a forged signature and a stale timestamp with 400, changing nothing", async () => {
    const order = await pendingPiOrder();
    const event = piEvent("payment_intent.succeeded", order.pi, order.id, 1000);
    expect((await deliver(event, { secret: "whsec_forged" })).status).toBe(400);
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    const unsigned = await browser.call(webhook, { path: "/api/webhooks/stripe", rawBody: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect((await orderById(order.id)).status).toBe("pending");
  });

  it("answers 200 to unknown event types", async () => {
    const res = await deliver({ id: "evt_unknown_1", object: "event", type: "customer.created", data: { object: { id: "cus_1" } } });
    expect(res.status).toBe(200);
  });

  it("applies a duplicate delivery once, even concurrently", async () => {
    const order = await pendingPiOrder();
    const event = piEvent("payment_intent.succeeded", order.pi, order.id, 1000);
    const results = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.outcome === "duplicate")).toHaveLength(2);
    expect((await orderEvents(order.id)).filter((e) => e.type === "status_changed")).toHaveLength(1);
  });

  it("failed then succeeded → paid; succeeded then failed → stays paid", async () => {
    const a = await pendingPiOrder();
    await deliver(piEvent("payment_intent.payment_failed", a.pi, a.id, 1000));
    expect((await orderById(a.id)).status).toBe("failed");
    await deliver(piEvent("payment_intent.succeeded", a.pi, a.id, 1000));
    expect((await orderById(a.id)).status).toBe("paid");

    const b = await pendingPiOrder();
    await deliver(piEvent("payment_intent.succeeded", b.pi, b.id, 1000));
    await deliver(piEvent("payment_intent.payment_failed", b.pi, b.id, 1000));
    await deliver(piEvent("payment_intent.canceled", b.pi, b.id, 1000));
    expect((await orderById(b.id)).status).toBe("paid");
    const types = (await orderEvents(b.id)).map((e) => e.type);
    expect(types).toContain("failed_ignored");
    expect(types).toContain("canceled_ignored");
  });

  it("canceled releases the stock exactly once", async () => {
    const before = await stockOf(product.variantId);
    const order = await pendingPiOrder(3);
    expect(await stockOf(product.variantId)).toBe(before - 3);
    await deliver(piEvent("payment_intent.canceled", order.pi, order.id, 1000));
    await deliver(piEvent("payment_intent.canceled", order.pi, order.id, 1000));
    expect((await orderById(order.id)).status).toBe("canceled");
    expect(await stockOf(product.variantId)).toBe(before);
  });

  it("flags an amount mismatch for review instead of marking paid", async () => {
    const order = await pendingPiOrder(1, 1000);
    await deliver(piEvent("payment_intent.succeeded", order.pi, order.id, 10));
    const o = await orderById(order.id);
    expect(o.status).toBe("pending");
    expect(o.needs_review).toBe(true);
    expect(o.review_reason).toMatch(/10 eur/);
  });

  it("acts on a checkout.session.completed that carries only what the shop reads", async () => {
    const order = await pendingPiOrder(1, 1000);
    const cs = `cs_test_${crypto.randomBytes(6).toString("hex")}`;
    await db()`update orders set source = 'checkout_session', stripe_payment_intent_id = null, stripe_checkout_session_id = ${cs} where id = ${order.id}`;
    const res = await deliver({ id: `evt_${crypto.randomBytes(8).toString("hex")}`, type: "checkout.session.completed", data: { object: { id: cs, amount_total: 1000, payment_status: "paid", metadata: { order_id: order.id } } } });
    expect(res.status).toBe(200);
    expect((await orderById(order.id)).status).toBe("paid");
  });

  it("fails closed: a paid signal without payment_status or amount_total changes nothing", async () => {
    const order = await pendingPiOrder(1, 1000);
    const cs = `cs_test_${crypto.randomBytes(6).toString("hex")}`;
    await db()`update orders set source = 'checkout_session', stripe_payment_intent_id = null, stripe_checkout_session_id = ${cs} where id = ${order.id}`;
    const evt = (object: Record<string, unknown>) => ({ id: `evt_${crypto.randomBytes(8).toString("hex")}`, type: "checkout.session.completed", data: { object: { id: cs, metadata: { order_id: order.id }, ...object } } });
    expect((await deliver(evt({ amount_total: 1000 }))).status).toBe(400);
    expect((await deliver(evt({ payment_status: "paid", amount_total: null }))).status).toBe(400);
    expect((await deliver(evt({ payment_status: "paid" }))).status).toBe(400);
    const pi = await pendingPiOrder(1, 1000);
    const noAmount = piEvent("payment_intent.succeeded", pi.pi, pi.id, 1000);
    delete (noAmount.data.object as Record<string, unknown>).amount_received;
    expect((await deliver(noAmount)).status).toBe(400);
    expect((await orderById(order.id)).status).toBe("pending");
    expect((await orderById(pi.id)).status).toBe("pending");
  });

  it("answers 500 on a database failure so Stripe retries, and records nothing", async () => {
    const order = await pendingPiOrder();
    const event = { ...piEvent("payment_intent.succeeded", order.pi, order.id, 1000), id: "evt_dbfail_1" };
    const res = await deliver(event);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/simulated|exception|stripe_events/);
    expect((await orderById(order.id)).status).toBe("pending");
  });
});
