import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as refund } from "@/app/api/admin/orders/[id]/refund/route";
import { createProduct } from "../../helpers/fixtures";
import { eventually } from "../../helpers/stripe-stack";
import { orderById } from "../../helpers/orders";
import { intentIdOf, paymentIntentCheckout } from "../payments/helpers";
import { adminEvents, merchantSuite } from "./helpers";

const { stripe: stack, auth, merchant } = merchantSuite();

/** A real paid order: PaymentIntent checkout, paid at the emulator, webhook applied. 2 × 10.00 €. */
async function paidOrder() {
  const product = await createProduct({ stock: 10, prices: [{ currency: "eur", unit_amount: 1000 }] });
  const user = await auth.newUser();
  const res = await paymentIntentCheckout(user.token, product, 2);
  const pi = intentIdOf(res.body.clientSecret);
  await stack.control("/_emulator/pay", { id: pi, payment_method: "pm_card_visa" });
  await eventually(async () => (await orderById(res.body.orderId)).status === "paid");
  return { orderId: res.body.orderId as string, pi };
}

function requestRefund(orderId: string, body: Record<string, unknown>) {
  return merchant.browser.call(refund, { path: `/api/admin/orders/${orderId}/refund`, params: { id: orderId }, json: body });
}

async function refundsAt(pi: string) {
  return (await stack.stripe.refunds.list({ payment_intent: pi, limit: 100 })).data;
}

describe("refunds from the back office", () => {
  it("a double click refunds once; Stripe's webhook makes the order refunded; the merchant is in the timeline", async () => {
    const { orderId, pi } = await paidOrder();
    const requestId = crypto.randomUUID();
    const answers = await Promise.all([requestRefund(orderId, { request_id: requestId }), requestRefund(orderId, { request_id: requestId })]);
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    await eventually(async () => (await orderById(orderId)).status === "refunded");
    const refunds = await refundsAt(pi);
    expect(refunds.map((r) => r.amount)).toEqual([2000]);
    expect((await orderById(orderId)).amount_refunded).toBe(2000);

    // The same form again, later (after Stripe answered): the first refund, no call to Stripe.
    const again = await requestRefund(orderId, { request_id: requestId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ refund: refunds[0]!.id, replayed: true });
    const events = await adminEvents(orderId);
    expect(events).toEqual([{ type: "admin_refund_requested", actor_id: merchant.id, detail: expect.objectContaining({ refund: refunds[0]!.id, amount: 2000, request_id: requestId }) }]);
  });

  it("two clicks on one partial refund make one refund; a second partial refund later makes another", async () => {
    const { orderId, pi } = await paidOrder();
    const first = crypto.randomUUID();
    const clicks = await Promise.all([1, 2, 3].map(() => requestRefund(orderId, { request_id: first, amount: "5" })));
    expect(clicks.filter((c) => c.status === 200).length).toBeGreaterThan(0);
    await eventually(async () => (await orderById(orderId)).amount_refunded === 500);
    expect((await refundsAt(pi)).map((r) => r.amount)).toEqual([500]);

    const second = await requestRefund(orderId, { request_id: crypto.randomUUID(), amount: "5.00" });
    expect(second.status).toBe(200);
    await eventually(async () => (await orderById(orderId)).amount_refunded === 1000);
    expect((await refundsAt(pi)).map((r) => r.amount)).toEqual([500, 500]);
    expect((await orderById(orderId)).status).toBe("paid");
    expect((await adminEvents(orderId)).map((e) => [e.type, e.actor_id])).toEqual([
      ["admin_refund_requested", merchant.id],
      ["admin_refund_requested", merchant.id],
    ]);
  });

  it("refuses bad amounts, missing request ids and orders that are not paid, changing nothing", async () => {
    const { orderId, pi } = await paidOrder();
    const cases: [Record<string, unknown>, number][] = [
      [{ request_id: crypto.randomUUID(), amount: "20.01" }, 400],
      [{ request_id: crypto.randomUUID(), amount: "-1" }, 400],
      [{ request_id: crypto.randomUUID(), amount: "1.234" }, 400],
      [{ request_id: crypto.randomUUID(), amount: "abc" }, 400],
      [{ amount: "1" }, 400],
      [{ request_id: "not-a-uuid" }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await requestRefund(orderId, body);
      expect([body, res.status]).toEqual([body, status]);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect(await refundsAt(pi)).toEqual([]);
    await requestRefund(orderId, { request_id: crypto.randomUUID() });
    await eventually(async () => (await orderById(orderId)).status === "refunded");
    const late = await requestRefund(orderId, { request_id: crypto.randomUUID(), amount: "1" });
    expect(late.status).toBe(409);
    expect((await refundsAt(pi))).toHaveLength(1);
  });

  it("a form post is answered with a redirect to the order page", async () => {
    const { orderId } = await paidOrder();
    const res = await merchant.browser.call(refund, {
      path: `/api/admin/orders/${orderId}/refund`,
      params: { id: orderId },
      rawBody: new URLSearchParams({ request_id: crypto.randomUUID(), amount: "" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:3000" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(new RegExp(`/admin/orders/${orderId}\\?notice=refund_requested$`));
    await eventually(async () => (await orderById(orderId)).status === "refunded");
  });
});
