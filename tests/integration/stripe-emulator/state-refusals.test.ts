import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { harnessSuite, rejection, scarfSessions } from "./harness";

const h = harnessSuite();
const session = scarfSessions(h);

describe("refusals about an object's state, worded as Stripe words them", () => {
  it("expire on a session that is not open: the status in backticks", async () => {
    const s = await session();
    await h.stripe.checkout.sessions.expire(s.id);
    const again = await rejection(h.stripe.checkout.sessions.expire(s.id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again.statusCode).toBe(400);
    expect(again.message).toBe('Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `expired`.');

    const paid = await session();
    expect((await h.control("/_emulator/pay", { id: paid.id, payment_method: "pm_card_visa" })).status).toBe(200);
    const done = await rejection(h.stripe.checkout.sessions.expire(paid.id));
    expect(done.message).toBe('Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `complete`.');
  });

  it("cancel on a succeeded or canceled PaymentIntent: payment_intent_unexpected_state with the intent", async () => {
    const paid = await h.stripe.paymentIntents.create({ amount: 5000, currency: "eur", payment_method: "pm_card_visa", confirm: true });
    const err = await rejection(h.stripe.paymentIntents.cancel(paid.id, { cancellation_reason: "abandoned" }));
    expect(err.raw).toMatchObject({ type: "invalid_request_error", code: "payment_intent_unexpected_state" });
    expect(err.message).toBe(
      "You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
    );
    expect(err.payment_intent?.id).toBe(paid.id);

    const open = await h.stripe.paymentIntents.create({ amount: 5000, currency: "eur" });
    await h.stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" });
    const twice = await rejection(h.stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" }));
    expect(twice.code).toBe("payment_intent_unexpected_state");
    expect(twice.message).toMatch(/^You cannot cancel this PaymentIntent because it has a status of canceled\./);
  });

  it("refunds: more than is left, nothing paid yet, already refunded", async () => {
    const paid = await h.stripe.paymentIntents.create({ amount: 5000, currency: "eur", payment_method: "pm_card_visa", confirm: true });
    await h.stripe.refunds.create({ payment_intent: paid.id, amount: 3000 });
    const tooMuch = await rejection(h.stripe.refunds.create({ payment_intent: paid.id, amount: 2001 }));
    expect(tooMuch.raw).toMatchObject({ type: "invalid_request_error", param: "amount" });
    expect(tooMuch.message).toBe("Refund amount (€20.01) is greater than unrefunded amount on charge (€20.00)");
    await h.stripe.refunds.create({ payment_intent: paid.id });
    const done = await rejection(h.stripe.refunds.create({ payment_intent: paid.id }));
    expect(done.code).toBe("charge_already_refunded");
    expect(done.message).toBe(`Charge ${paid.latest_charge as string} has already been refunded.`);

    const unpaid = await h.stripe.paymentIntents.create({ amount: 5000, currency: "eur" });
    const none = await rejection(h.stripe.refunds.create({ payment_intent: unpaid.id }));
    expect(none.message).toBe(`This PaymentIntent (${unpaid.id}) does not have a successful charge to refund.`);
  });
});
