import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/create";
import { countedDatabase } from "../../helpers/round-trips";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { signedWebhook } from "../../helpers/signed-webhook";
import { orderById } from "../../helpers/orders";

/**
 * Round trips of the money paths, counted on the wire by the benchmark's relay: a webhook is one
 * statement; so is creating an order and taking its stock (order_create).
 */
let product: Fixture;

const relay = countedDatabase(async () => {
  product = await createProduct({ stock: 50, prices: [{ currency: "eur", unit_amount: 700 }] });
});
const counter = { reset: () => relay.counter.reset(), read: () => relay.counter.read() };

const line = () => ({
  productId: product.productId, variantId: product.variantId, priceId: product.prices.eur, name: "Round trip", variantName: "Default",
  sku: "RT", currency: "eur", unitAmount: 700, quantity: 2, recurring: null,
});

describe("money paths, round trips", () => {
  it("an order and its stock: 1 (one statement)", async () => {
    const create = () => createOrder(db(), { userId: null, source: "payment_intent", currency: "eur", lines: [line()], ttlMinutes: 30 });
    await create(); // warm: the connection has prepared these statements, as in steady traffic
    counter.reset();
    const { order } = await create();
    expect(counter.read()).toBe(1);
    expect(order.status).toBe("pending");
    expect(await stockOf(product.variantId)).toBe(46);
  });

  it("a short take writes nothing: no order, no units", async () => {
    const before = await stockOf(product.variantId);
    const error = await createOrder(db(), { userId: null, source: "payment_intent", currency: "eur", lines: [{ ...line(), quantity: 999 }], ttlMinutes: 30 })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await stockOf(product.variantId)).toBe(before);
    const [count] = await db()<{ n: number }[]>`select count(*)::int as n from order_items where variant_id = ${product.variantId} and quantity = 999`;
    expect(count!.n).toBe(0);
  });

  it("a webhook: 1 (one statement applies the event and records it)", async () => {
    const { order } = await createOrder(db(), { userId: null, source: "payment_intent", currency: "eur", lines: [line()], ttlMinutes: 30 });
    const pi = `pi_rt_${crypto.randomBytes(6).toString("hex")}`;
    await db()`update orders set stripe_payment_intent_id = ${pi} where id = ${order.id}`;
    const event = {
      id: `evt_${crypto.randomBytes(8).toString("hex")}`,
      object: "event",
      type: "payment_intent.succeeded",
      data: { object: { id: pi, object: "payment_intent", amount: 1400, amount_received: 1400, currency: "eur", status: "succeeded", metadata: { order_id: order.id } } },
    };
    const { body, signature } = signedWebhook(event);
    counter.reset();
    const res = await new TestBrowser().call(webhook, { path: "/api/webhooks/stripe", rawBody: body, headers: { "stripe-signature": signature, "content-type": "application/json" } });
    expect(res.status).toBe(200);
    expect(counter.read()).toBe(1);
    expect((await orderById(order.id)).status).toBe("paid");
  });
});
