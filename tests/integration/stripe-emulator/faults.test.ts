import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { createPrice, rejection, startHarness, type Harness } from "./harness";

let h: Harness;
let price: Stripe.Price;
beforeAll(async () => {
  h = await startHarness();
  price = await createPrice(h.stripe, 1000, { name: "Tea" });
});
afterAll(async () => {
  await h.close();
});

async function elementsSession(): Promise<Stripe.Checkout.Session> {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    ui_mode: "elements",
    return_url: "http://shop.test/r",
    line_items: [{ price: price.id, quantity: 1 }],
  });
}

describe("fault injection", () => {
  it("fails exactly the next checkout.sessions.update with a 500 (StripeAPIError); the one after succeeds", async () => {
    const s = await elementsSession();
    const fault = await h.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1 });
    expect(fault.status).toBe(200);
    const err = await rejection(h.stripe.checkout.sessions.update(s.id, { line_items: [{ price: price.id, quantity: 3 }] }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(500);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).amount_total).toBe(1000);
    const ok = await h.stripe.checkout.sessions.update(s.id, { line_items: [{ price: price.id, quantity: 3 }] });
    expect(ok.amount_total).toBe(3000);
  });

  it("injects a Stripe-shaped error of the requested type, only for the named operation", async () => {
    await h.control("/_emulator/faults", {
      operation: "payment_intents.create",
      count: 2,
      error: { status: 400, type: "invalid_request_error", code: "parameter_invalid_integer", message: "Injected", param: "amount" },
    });
    // Another operation is unaffected.
    const customer = await h.stripe.customers.create({ email: "f@example.com" });
    expect(customer.id).toMatch(/^cus_/);
    for (let i = 0; i < 2; i++) {
      const err = await rejection(h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }));
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.code).toBe("parameter_invalid_integer");
      expect(err.message).toBe("Injected");
    }
    const ok = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(ok.status).toBe("requires_payment_method");
    expect((await h.control<{ data: unknown[] }>("/_emulator/faults")).json.data).toEqual([]);
  });

  it("'drop' closes the connection: StripeConnectionError, nothing created, next call succeeds", async () => {
    const before = (await h.stripe.paymentIntents.list({ limit: 100 })).data.length;
    await h.control("/_emulator/faults", { operation: "payment_intents.create", count: 1, mode: "drop" });
    const err = await rejection(h.stripe.paymentIntents.create({ amount: 1200, currency: "usd" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((await h.stripe.paymentIntents.list({ limit: 100 })).data.length).toBe(before);
    const ok = await h.stripe.paymentIntents.create({ amount: 1200, currency: "usd" });
    expect(ok.id).toMatch(/^pi_/);
  });

  it("the SDK's own retries of a failed call (same Idempotency-Key) see the same failure", async () => {
    const retrying = new Stripe("sk_test_local_emulator_0000000000000000", {
      host: new URL(h.emulator.url).hostname,
      port: Number(new URL(h.emulator.url).port),
      protocol: "http",
      maxNetworkRetries: 1,
    });
    await h.control("/_emulator/faults", { operation: "payment_intents.cancel", count: 1 });
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const err = await rejection(retrying.paymentIntents.cancel(pi.id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");
    expect((await emulatorStripe(h.emulator.url).paymentIntents.cancel(pi.id)).status).toBe("canceled");
  });

  it("checkout.sessions.expire and checkout.sessions.create faults", async () => {
    const s = await elementsSession();
    await h.control("/_emulator/faults", { operation: "checkout.sessions.expire", count: 1, mode: "drop" });
    expect(await rejection(h.stripe.checkout.sessions.expire(s.id))).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe("open");
    expect((await h.stripe.checkout.sessions.expire(s.id)).status).toBe("expired");

    await h.control("/_emulator/faults", { operation: "checkout.sessions.create", count: 1, error: { status: 503 } });
    expect(await rejection(elementsSession())).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((await elementsSession()).status).toBe("open");
  });

  it("rejects unknown operation names", async () => {
    const res = await h.control("/_emulator/faults", { operation: "payment_intents.explode" });
    expect(res.status).toBe(400);
  });
});
