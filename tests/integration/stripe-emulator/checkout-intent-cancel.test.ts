import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { harnessSuite, rejection, scarfSessions } from "./harness";

const h = harnessSuite();
const session = scarfSessions(h);
const pay = (id: string, payment_method: string) => h.control("/_emulator/pay", { id, payment_method });

async function expectCheckoutRefusal(piId: string): Promise<void> {
  const err = await rejection(h.stripe.paymentIntents.cancel(piId));
  expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(err.statusCode).toBe(400);
  expect(err.type).toBe("StripeInvalidRequestError");
  expect(err.raw).toMatchObject({ type: "invalid_request_error" });
  expect(err.message).toBe("You cannot perform this action on PaymentIntents created by Checkout. Expire the Checkout Session instead.");
}

describe("a PaymentIntent created by a Checkout Session cannot be canceled", () => {
  it("refuses the PaymentIntent of a declined attempt (session still open); expiring the session cancels it", async () => {
    const s = await session();
    expect((await pay(s.id, "pm_card_chargeDeclined")).status).toBe(402);
    const piId = (await h.stripe.paymentIntents.list({ limit: 1 })).data[0]!.id;
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("requires_payment_method");
    await expectCheckoutRefusal(piId);
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("requires_payment_method");

    await h.stripe.checkout.sessions.expire(s.id);
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("canceled");
  });

  it("refuses the processing PaymentIntent of a completed session and the failed one after settlement", async () => {
    const s = await session();
    await pay(s.id, "pm_delayed_fails");
    const piId = (await h.stripe.checkout.sessions.retrieve(s.id)).payment_intent as string;
    await expectCheckoutRefusal(piId);
    await h.control("/_emulator/settle", { id: s.id });
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("requires_payment_method");
    await expectCheckoutRefusal(piId);
  });

  it("a PaymentIntent created through the API can still be canceled, processing included", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", payment_method: "pm_delayed_succeeds", confirm: true });
    expect(pi.status).toBe("processing");
    expect((await h.stripe.paymentIntents.cancel(pi.id)).status).toBe("canceled");
    // Its settlement is dropped with it.
    expect((await h.control("/_emulator/settle", { id: pi.id })).status).toBe(400);
  });
});
