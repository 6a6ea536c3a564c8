import { readFileSync } from "node:fs";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { generate } from "../../../local/stripe-emulator/known-params/generate";
import { harnessSuite, rejection } from "./harness";

const h = harnessSuite();

const line = { price_data: { currency: "eur", unit_amount: 1000, product_data: { name: "Mug" } }, quantity: 1 };
const session = () =>
  h.stripe.checkout.sessions.create({ mode: "payment", line_items: [line], success_url: "https://shop.test/ok" });

/** The error object Stripe answers for a parameter it does not know. */
function expectUnknown(err: Stripe.errors.StripeError, param: string): void {
  expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(err.statusCode).toBe(400);
  expect(err.type).toBe("StripeInvalidRequestError");
  expect(err.raw).toMatchObject({ type: "invalid_request_error", code: "parameter_unknown", param, message: `Received unknown parameter: ${param}` });
}

describe("unknown parameters are refused on every call the app makes", () => {
  it("top level and nested, on create, update, retrieve, expire, list line items, cancel and refund", async () => {
    expectUnknown(
      await rejection(h.stripe.checkout.sessions.create({ mode: "payment", line_items: [line], success_url: "https://shop.test/ok", colour: "red" } as never)),
      "colour",
    );
    expectUnknown(
      await rejection(
        h.stripe.checkout.sessions.create({
          mode: "payment",
          success_url: "https://shop.test/ok",
          line_items: [line, { ...line, price_data: { ...line.price_data, unit_amout: 5 } }],
        } as never),
      ),
      "line_items[1][price_data][unit_amout]",
    );
    const s = await session();
    expectUnknown(await rejection(h.stripe.checkout.sessions.update(s.id, { mode: "payment" } as never)), "mode");
    expectUnknown(await rejection(h.stripe.checkout.sessions.retrieve(s.id, { foo: "1" } as never)), "foo");
    expectUnknown(await rejection(h.stripe.checkout.sessions.listLineItems(s.id, { page: "2" } as never)), "page");
    expectUnknown(await rejection(h.stripe.checkout.sessions.expire(s.id, { reason: "x" } as never)), "reason");
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe("open");

    // payment_method_types is the pre-2026 name: the pinned API version only knows allowed_payment_method_types.
    expectUnknown(
      await rejection(h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", payment_method_types: ["card"] } as never)),
      "payment_method_types",
    );
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "eur" });
    expectUnknown(await rejection(h.stripe.paymentIntents.update(pi.id, { shipping: { name: "A", address: { line1: "1 rue", country: "FR", zip: "75001" } } } as never)), "shipping[address][zip]");
    expectUnknown(await rejection(h.stripe.paymentIntents.retrieve(pi.id, { verbose: "1" } as never)), "verbose");
    expectUnknown(await rejection(h.stripe.paymentIntents.cancel(pi.id, { reason: "abandoned" } as never)), "reason");
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");
    expectUnknown(await rejection(h.stripe.refunds.create({ payment_intent: pi.id, notes: "x" } as never)), "notes");
  });

  it("metadata keeps free keys, and the legal parameters of every call still pass", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ ...line, metadata: { any_key: "v" } }],
      success_url: "https://shop.test/ok",
      metadata: { whatever: "x" },
      payment_intent_data: { metadata: { order_id: "o1" } },
      expand: ["line_items"],
    });
    expect(s.metadata).toEqual({ whatever: "x" });
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", metadata: { order_id: "o1" }, automatic_payment_methods: { enabled: true } });
    expect(pi.metadata).toEqual({ order_id: "o1" });
  });

  it("known-params.json is what the installed stripe-node types accept (regenerate after an SDK upgrade)", () => {
    const stored = JSON.parse(readFileSync(new URL("../../../local/stripe-emulator/known-params/known-params.json", import.meta.url), "utf8")) as unknown;
    expect(stored).toEqual(generate());
  }, 30_000);
});
