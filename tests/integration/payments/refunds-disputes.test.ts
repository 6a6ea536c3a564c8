import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { closeDispute, eventually, openDispute } from "../../helpers/stripe-stack";
import { stripeAndAuthStacks } from "../../helpers/stacks";
import { orderById, orderEvents } from "../../helpers/orders";
import { hostedCheckout, intentIdOf, paymentIntentCheckout, redeliver } from "./helpers";
import { SHIP_TO } from "../../helpers/shipping";

const stacks = stripeAndAuthStacks();

async function paidIntentOrder(quantity = 2) {
  const product = await createProduct({ stock: 10, requiresShipping: false, prices: [{ currency: "eur", unit_amount: 1000 }] });
  const user = await stacks.auth.newUser();
  const res = await paymentIntentCheckout(user.token, product, quantity);
  const pi = intentIdOf(res.body.clientSecret);
  await stacks.stripe.control("/_emulator/pay", { id: pi, payment_method: "pm_card_visa", ...SHIP_TO });
  await eventually(async () => (await orderById(res.body.orderId)).status === "paid");
  return { orderId: res.body.orderId as string, pi, product };
}

async function eventsOf(type: string, paymentIntent: string): Promise<Stripe.Event[]> {
  const list = await stacks.stripe.stripe.events.list({ type, limit: 100 });
  return list.data.filter((e) => {
    const o = e.data.object as { payment_intent?: string | null };
    return o.payment_intent === paymentIntent;
  });
}

describe("refunds", () => {
  it("a partial refund keeps the order paid with amount_refunded; the rest makes it refunded; stock is not put back", async () => {
    const { orderId, pi, product } = await paidIntentOrder(2);
    const stock = await stockOf(product.variantId);
    await stacks.stripe.stripe.refunds.create({ payment_intent: pi, amount: 500 });
    await eventually(async () => (await orderById(orderId)).amount_refunded === 500);
    expect((await orderById(orderId)).status).toBe("paid");

    await stacks.stripe.stripe.refunds.create({ payment_intent: pi });
    await eventually(async () => (await orderById(orderId)).status === "refunded");
    const order = await orderById(orderId);
    expect(order.amount_refunded).toBe(2000);
    expect(await stockOf(product.variantId)).toBe(stock);
    const types = (await orderEvents(orderId)).map((e) => e.type);
    expect(types.filter((t) => t === "refund_created")).toHaveLength(2);
    const [overview] = await db()<{ status: string; amount_refunded: number }[]>`select status, amount_refunded from order_overview where order_id = ${orderId}`;
    expect(overview).toEqual({ status: "refunded", amount_refunded: 2000 });
  });

  it("redelivered and out-of-order refund events change nothing", async () => {
    const { orderId, pi } = await paidIntentOrder(2);
    await stacks.stripe.stripe.refunds.create({ payment_intent: pi, amount: 300 });
    await eventually(async () => (await orderById(orderId)).amount_refunded === 300);
    await stacks.stripe.stripe.refunds.create({ payment_intent: pi, amount: 400 });
    await eventually(async () => (await orderById(orderId)).amount_refunded === 700);
    const before = await orderEvents(orderId);

    const refunded = await eventsOf("charge.refunded", pi);
    expect(refunded).toHaveLength(2);
    // The same events again (Stripe retries), and the older one once more under a new id (late, out of order).
    for (const e of refunded) expect(await redeliver(e)).toBe(200);
    const older = refunded.find((e) => (e.data.object as { amount_refunded: number }).amount_refunded === 300)!;
    expect(await redeliver({ ...older, id: `${older.id}_late` })).toBe(200);
    const after = await orderById(orderId);
    expect([after.status, after.amount_refunded]).toEqual(["paid", 700]);
    expect((await orderEvents(orderId)).filter((e) => e.type === "refunded_amount")).toHaveLength(before.filter((e) => e.type === "refunded_amount").length);
  });

  it("a Checkout Session order is refunded through its PaymentIntent", async () => {
    const { order, sessionId } = await hostedCheckout({ stock: 3, quantity: 1 });
    await stacks.stripe.control("/_emulator/pay", { id: sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
    await eventually(async () => (await orderById(order.id)).status === "paid");
    const pi = (await orderById(order.id)).stripe_payment_intent_id!;
    await stacks.stripe.stripe.refunds.create({ payment_intent: pi });
    await eventually(async () => (await orderById(order.id)).status === "refunded");
  });
});

describe("disputes", () => {
  it("a dispute flags the order for review with its reason; closing it records the outcome", async () => {
    const { orderId, pi } = await paidIntentOrder(1);
    const dispute = await openDispute(stacks.stripe, pi, "product_not_received");
    await eventually(async () => (await orderById(orderId)).needs_review);
    let order = await orderById(orderId);
    expect(order.status).toBe("paid");
    expect(order.review_reason).toMatch(/disputed \(product_not_received\)/);
    expect(order.dispute_status).toBe("needs_response");

    await closeDispute(stacks.stripe, dispute.id, "lost");
    await eventually(async () => (await orderById(orderId)).dispute_status === "lost");
    order = await orderById(orderId);
    expect(order.status).toBe("paid");
    expect((await orderEvents(orderId)).map((e) => e.type)).toEqual(expect.arrayContaining(["dispute_opened", "dispute_closed"]));
  });
});
