import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection, startHarness, waitFor, WEBHOOK_SECRET, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ webhooks: true });
});
afterAll(async () => {
  await h.close();
});

const delivered = (type: string, objectId: string) =>
  waitFor(() => h.receiver?.received.find((r) => r.event.type === type && (r.event.data.object as { id: string }).id === objectId));

describe("PaymentIntents", () => {
  it("create → confirm with pm_card_visa succeeds and delivers a verifiable payment_intent.succeeded", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2500,
      currency: "usd",
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: "o_1" },
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    expect(pi.automatic_payment_methods?.enabled).toBe(true);

    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa", return_url: "http://shop.test/done" });
    expect(confirmed.status).toBe("succeeded");
    expect(confirmed.amount_received).toBe(2500);
    expect(confirmed.latest_charge).toMatch(/^ch_/);
    expect(confirmed.payment_method).toMatch(/^pm_/);

    const hook = await delivered("payment_intent.succeeded", pi.id);
    const event = h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET);
    expect(event.type).toBe("payment_intent.succeeded");
    expect(event.id).toMatch(/^evt_/);
    expect(event.object).toBe("event");
    expect(event.livemode).toBe(false);
    expect(event.api_version).toBe(Stripe.API_VERSION);
    const object = event.data.object as Stripe.PaymentIntent;
    expect(object.metadata).toEqual({ order_id: "o_1" });
    expect(object.status).toBe("succeeded");
    expect(event.request?.id).toMatch(/^req_/);
    expect(event.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
  });

  it("expands latest_charge on retrieve", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd", allowed_payment_method_types: ["card"] });
    await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_mastercard" });
    const got = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    const charge = got.latest_charge as Stripe.Charge;
    expect(charge.object).toBe("charge");
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.paid).toBe(true);
    expect(charge.amount).toBe(1000);
    expect(got.payment_method_types).toEqual(["card"]);
    expect(got.allowed_payment_method_types).toEqual(["card"]);
    expect(got.automatic_payment_methods).toBeNull();
  });

  it("a declined card throws StripeCardError, keeps requires_payment_method and emits payment_intent.payment_failed", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1800, currency: "usd" });
    const err = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe("card_declined");
    expect(err.decline_code).toBe("generic_decline");
    expect(err.payment_intent?.id).toBe(pi.id);
    expect(err.requestId).toMatch(/^req_/);

    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_payment_error?.code).toBe("card_declined");
    expect(after.last_payment_error?.decline_code).toBe("generic_decline");

    const hook = await delivered("payment_intent.payment_failed", pi.id);
    expect(() => h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET)).not.toThrow();

    const insufficient = await rejection(
      h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclinedInsufficientFunds" }),
    );
    expect(insufficient).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(insufficient.decline_code).toBe("insufficient_funds");

    const retried = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    expect(retried.status).toBe("succeeded");
    expect(retried.last_payment_error).toBeNull();
  });

  it("cancel → canceled; confirming or cancelling again is a StripeInvalidRequestError", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 900, currency: "eur" });
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "abandoned" });
    expect(canceled.status).toBe("canceled");
    expect(canceled.cancellation_reason).toBe("abandoned");
    expect(canceled.canceled_at).toBeTypeOf("number");
    await delivered("payment_intent.canceled", pi.id);

    const confirmErr = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }));
    expect(confirmErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(confirmErr.code).toBe("payment_intent_unexpected_state");
    expect(confirmErr.statusCode).toBe(400);

    const cancelErr = await rejection(h.stripe.paymentIntents.cancel(pi.id));
    expect(cancelErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(cancelErr.code).toBe("payment_intent_unexpected_state");
  });

  it("a succeeded intent can be neither confirmed, cancelled nor updated", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 700, currency: "usd", confirm: true, payment_method: "pm_card_visa" });
    expect(pi.status).toBe("succeeded");
    for (const call of [
      h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }),
      h.stripe.paymentIntents.cancel(pi.id),
      h.stripe.paymentIntents.update(pi.id, { amount: 800 }),
    ]) {
      const err = await rejection(call);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.code).toBe("payment_intent_unexpected_state");
    }
  });

  it("update changes amount and metadata (an empty value unsets a key)", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd", metadata: { a: "1", b: "2" } });
    const updated = await h.stripe.paymentIntents.update(pi.id, { amount: 1500, metadata: { a: "", c: "3" }, description: "Order 7" });
    expect(updated.amount).toBe(1500);
    expect(updated.metadata).toEqual({ b: "2", c: "3" });
    expect(updated.description).toBe("Order 7");
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    expect(confirmed.amount_received).toBe(1500);
  });

  it("lists newest first with limit and starting_after", async () => {
    const customer = await h.stripe.customers.create({ email: "list@example.com" });
    expect(customer.id).toMatch(/^cus_/);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await h.stripe.paymentIntents.create({ amount: 1000 + i, currency: "usd", customer: customer.id })).id);
    }
    const page1 = await h.stripe.paymentIntents.list({ customer: customer.id, limit: 2 });
    expect(page1.object).toBe("list");
    expect(page1.url).toBe("/v1/payment_intents");
    expect(page1.has_more).toBe(true);
    expect(page1.data.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    const page2 = await h.stripe.paymentIntents.list({ customer: customer.id, limit: 2, starting_after: ids[1] });
    expect(page2.data.map((p) => p.id)).toEqual([ids[0]]);
    expect(page2.has_more).toBe(false);
  });
});
