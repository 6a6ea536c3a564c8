import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { harnessSuite, rejection } from "./harness";

const h = harnessSuite();

function expectRefusal(err: Stripe.errors.StripeError, raw: { code: string; message: string; param?: string }): void {
  expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(err.statusCode).toBe(400);
  expect(err.raw).toMatchObject({ type: "invalid_request_error", ...raw });
  if (!raw.param) expect((err.raw as { param?: string }).param).toBeUndefined();
}

describe("minimum and maximum charge amounts (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts)", () => {
  it("PaymentIntent create: amount_too_small with Stripe's message per currency, amount_too_large above 99999999", async () => {
    expectRefusal(await rejection(h.stripe.paymentIntents.create({ amount: 49, currency: "usd" })), {
      code: "amount_too_small",
      param: "amount",
      message: "Amount must be at least $0.50 usd",
    });
    expectRefusal(await rejection(h.stripe.paymentIntents.create({ amount: 10, currency: "eur" })), {
      code: "amount_too_small",
      param: "amount",
      message: "Amount must be at least €0.50 eur",
    });
    expectRefusal(await rejection(h.stripe.paymentIntents.create({ amount: 100000000, currency: "usd" })), {
      code: "amount_too_large",
      param: "amount",
      message: "Amount must be no more than $999,999.99",
    });
    const max = await h.stripe.paymentIntents.create({ amount: 99999999, currency: "usd" });
    expect(max.amount).toBe(99999999);
  });

  it("PaymentIntent update: the same refusals, and a refused update changes nothing", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: "eur", metadata: { a: "1" } });
    expectRefusal(await rejection(h.stripe.paymentIntents.update(pi.id, { amount: 100000000, metadata: { a: "2" } })), {
      code: "amount_too_large",
      param: "amount",
      message: "Amount must be no more than €999,999.99",
    });
    expectRefusal(await rejection(h.stripe.paymentIntents.update(pi.id, { currency: "usd", amount: 20 })), {
      code: "amount_too_small",
      param: "amount",
      message: "Amount must be at least $0.50 usd",
    });
    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    expect([after.amount, after.currency, after.metadata]).toEqual([5000, "eur", { a: "1" }]);
  });

  it("Checkout Session in payment mode: a total under the minimum is refused and no session is made", async () => {
    const before = (await h.stripe.checkout.sessions.list({ limit: 100 })).data.length;
    const err = await rejection(
      h.stripe.checkout.sessions.create({
        mode: "payment",
        success_url: "https://shop.test/ok",
        line_items: [{ price_data: { currency: "eur", unit_amount: 20, product_data: { name: "Sticker" } }, quantity: 2 }],
      }),
    );
    expectRefusal(err, { code: "amount_too_small", message: "The Checkout Session's total amount due must add up to at least €0.50 eur" });
    expect((await h.stripe.checkout.sessions.list({ limit: 100 })).data.length).toBe(before);
    const ok = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "https://shop.test/ok",
      line_items: [{ price_data: { currency: "eur", unit_amount: 25, product_data: { name: "Sticker" } }, quantity: 2 }],
    });
    expect(ok.amount_total).toBe(50);
  });
});
