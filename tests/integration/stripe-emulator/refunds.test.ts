import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { rejection, waitFor, webhookSuite, WEBHOOK_SECRET } from "./harness";

const h = webhookSuite();

const paidIntent = (amount = 5000) =>
  h.stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_visa", confirm: true });

describe("refunds", () => {
  it("a succeeded PaymentIntent has an expandable latest_charge that GET /v1/charges/:id returns", async () => {
    const pi = await paidIntent();
    expect(pi.latest_charge).toMatch(/^ch_/);
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect([charge.payment_intent, charge.amount, charge.amount_refunded, charge.refunded]).toEqual([pi.id, 5000, 0, false]);
    const expanded = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    expect((expanded.latest_charge as Stripe.Charge).id).toBe(charge.id);
  });

  it("partial refunds add up on the charge; a full refund of the rest marks it refunded; events carry refund and charge", async () => {
    const pi = await paidIntent();
    const first = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1500, reason: "requested_by_customer" });
    expect(first).toMatchObject({
      object: "refund",
      amount: 1500,
      status: "succeeded",
      payment_intent: pi.id,
      charge: pi.latest_charge,
      reason: "requested_by_customer",
      currency: "usd",
    });
    expect(first.id).toMatch(/^re_/);
    let charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect([charge.amount_refunded, charge.refunded]).toEqual([1500, false]);

    const rest = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(3500);
    charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect([charge.amount_refunded, charge.refunded]).toEqual([5000, true]);

    const created = (await h.stripe.events.list({ type: "refund.created" })).data.reverse();
    expect(created.map((e) => (e.data.object as Stripe.Refund).id)).toEqual([first.id, rest.id]);
    const refunded = (await h.stripe.events.list({ type: "charge.refunded" })).data.reverse();
    expect(refunded.map((e) => [(e.data.object as Stripe.Charge).amount_refunded, (e.data.object as Stripe.Charge).refunded])).toEqual([
      [1500, false],
      [5000, true],
    ]);

    const hooks = await waitFor(() => {
      const got = h.receiver!.received.filter((r) => r.event.type === "refund.created" || r.event.type === "charge.refunded");
      return got.length === 4 ? got : null;
    });
    for (const hook of hooks) expect(h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET).id).toBe(hook.event.id);
  });

  it("refuses more than what is left, a PaymentIntent that has not succeeded, and a fully refunded charge", async () => {
    const pi = await paidIntent(2000);
    const tooMuch = await rejection(h.stripe.refunds.create({ payment_intent: pi.id, amount: 2001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect([tooMuch.statusCode, tooMuch.param]).toEqual([400, "amount"]);
    expect(tooMuch.message).toBe("Refund amount ($20.01) is greater than unrefunded amount on charge ($20.00)");
    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
    expect((await rejection(h.stripe.refunds.create({ payment_intent: pi.id, amount: 1501 }))).statusCode).toBe(400);
    await h.stripe.refunds.create({ payment_intent: pi.id });
    const done = await rejection(h.stripe.refunds.create({ payment_intent: pi.id }));
    expect([done.statusCode, done.code]).toEqual([400, "charge_already_refunded"]);

    const unpaid = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const notPaid = await rejection(h.stripe.refunds.create({ payment_intent: unpaid.id }));
    expect(notPaid).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(notPaid.statusCode).toBe(400);
    const processing = await h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", payment_method: "pm_delayed_succeeds", confirm: true });
    expect((await rejection(h.stripe.refunds.create({ payment_intent: processing.id }))).statusCode).toBe(400);

    const missing = await rejection(h.stripe.refunds.create({ payment_intent: "pi_missing" }));
    expect([missing.statusCode, missing.code, missing.param]).toEqual([404, "resource_missing", "payment_intent"]);
    expect((await rejection(h.stripe.refunds.create({}))).statusCode).toBe(400);
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(2000);
  });

  it("retrieves one refund and lists a PaymentIntent's refunds newest first", async () => {
    const pi = await paidIntent();
    const other = await paidIntent();
    const a = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
    await h.stripe.refunds.create({ payment_intent: other.id, amount: 100 });
    const b = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 200 });
    expect((await h.stripe.refunds.retrieve(a.id)).amount).toBe(100);
    const list = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(list.object).toBe("list");
    expect(list.url).toBe("/v1/refunds");
    expect(list.has_more).toBe(false);
    expect(list.data.map((r) => r.id)).toEqual([b.id, a.id]);
    const missing = await rejection(h.stripe.refunds.retrieve("re_missing"));
    expect([missing.statusCode, missing.code, missing.param]).toEqual([404, "resource_missing", "id"]);
  });

  it("an Idempotency-Key replays the same refund instead of refunding twice", async () => {
    const pi = await paidIntent();
    const first = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 700 }, { idempotencyKey: "refund-order-1" });
    const again = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 700 }, { idempotencyKey: "refund-order-1" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded).toBe(700);
    expect((await h.stripe.refunds.list({ payment_intent: pi.id })).data).toHaveLength(1);
  });
});
