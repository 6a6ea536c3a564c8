import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { harnessSuite, rejection } from "./harness";

const h = harnessSuite();

describe("error shapes as Stripe sends them", () => {
  it("resource_missing names the parameter: intent for PaymentIntents, session for Checkout Sessions, id otherwise", async () => {
    const cases: [Promise<unknown>, string, string][] = [
      [h.stripe.paymentIntents.retrieve("pi_123"), "intent", "No such payment_intent: 'pi_123'"],
      [h.stripe.paymentIntents.cancel("pi_123"), "intent", "No such payment_intent: 'pi_123'"],
      [h.stripe.paymentIntents.confirm("pi_123"), "intent", "No such payment_intent: 'pi_123'"],
      [h.stripe.paymentIntents.update("pi_123", { description: "x" }), "intent", "No such payment_intent: 'pi_123'"],
      [h.stripe.checkout.sessions.retrieve("cs_test_123"), "session", "No such checkout.session: 'cs_test_123'"],
      [h.stripe.checkout.sessions.expire("cs_test_123"), "session", "No such checkout.session: 'cs_test_123'"],
      [h.stripe.checkout.sessions.update("cs_test_123", { metadata: { a: "b" } }), "session", "No such checkout.session: 'cs_test_123'"],
      [h.stripe.checkout.sessions.listLineItems("cs_test_123"), "session", "No such checkout.session: 'cs_test_123'"],
      [h.stripe.customers.retrieve("cus_123"), "id", "No such customer: 'cus_123'"],
      [h.stripe.products.retrieve("prod_123"), "id", "No such product: 'prod_123'"],
      [h.stripe.prices.retrieve("price_123"), "id", "No such price: 'price_123'"],
      [h.stripe.charges.retrieve("ch_123"), "id", "No such charge: 'ch_123'"],
      [h.stripe.events.retrieve("evt_123"), "id", "No such event: 'evt_123'"],
    ];
    for (const [call, param, message] of cases) {
      const err = await rejection(call);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect([err.statusCode, err.code, err.param, err.message]).toEqual([404, "resource_missing", param, message]);
      expect(err.raw).toMatchObject({ type: "invalid_request_error" });
    }
  });

  it("an invalid API key answers 401 invalid_request_error with the key redacted", async () => {
    const key = "sk_test_51NotTheRightKeyAtAllxxxx";
    const err = await rejection(emulatorStripe(h.emulator.url, key).customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.raw).toMatchObject({ type: "invalid_request_error" });
    expect(err.message).toMatch(/^Invalid API Key provided: sk_test_\*+xxxx$/);
    expect(err.message).not.toContain("NotTheRightKey");

    const res = await fetch(`${h.emulator.url}/v1/customers`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});
