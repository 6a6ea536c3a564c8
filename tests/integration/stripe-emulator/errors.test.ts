import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { createPrice, harnessSuite, rejection } from "./harness";

const h = harnessSuite();

const auth = { Authorization: `Bearer ${LOCAL_DEFAULTS.STRIPE_SECRET_KEY}` };

describe("Stripe-shaped errors", () => {
  it("401 for a wrong key → StripeAuthenticationError; a missing key → 401 invalid_request_error", async () => {
    const wrong = emulatorStripe(h.emulator.url, "sk_test_wrong_key_123456");
    const err = await rejection(wrong.customers.create({ email: "a@example.com" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.message).toContain("Invalid API Key provided");
    const res = await fetch(`${h.emulator.url}/v1/customers`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("You did not provide an API key");
  });

  it("404 resource_missing → StripeInvalidRequestError", async () => {
    const err = await rejection(h.stripe.paymentIntents.retrieve("pi_x"));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe("resource_missing");
    expect(err.message).toBe("No such payment_intent: 'pi_x'");
    expect(err.requestId).toMatch(/^req_/);
    for (const call of [
      h.stripe.checkout.sessions.retrieve("cs_test_missing"),
      h.stripe.prices.retrieve("price_missing"),
      h.stripe.products.retrieve("prod_missing"),
      h.stripe.customers.retrieve("cus_missing"),
      h.stripe.events.retrieve("evt_missing"),
      h.stripe.checkout.sessions.listLineItems("cs_test_missing"),
    ]) {
      const e = await rejection(call);
      expect(e).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(e.code).toBe("resource_missing");
    }
  });

  it("402 card_error → StripeCardError with the PaymentIntent inside", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: "usd" });
    const err = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclinedInsufficientFunds" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe("card_declined");
    expect(err.decline_code).toBe("insufficient_funds");
    expect(err.payment_intent?.id).toBe(pi.id);
    expect(err.payment_intent?.status).toBe("requires_payment_method");
  });

  it("400 invalid_request_error with param and code for missing or malformed parameters", async () => {
    const missing = await rejection(h.stripe.paymentIntents.create({ amount: 1000 } as Stripe.PaymentIntentCreateParams));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.statusCode).toBe(400);
    expect(missing.code).toBe("parameter_missing");
    expect(missing.param).toBe("currency");
    const badInt = await rejection(
      h.stripe.paymentIntents.create({ amount: "ten" as unknown as number, currency: "usd" }),
    );
    expect(badInt.code).toBe("parameter_invalid_integer");
    expect(badInt.param).toBe("amount");
    const small = await rejection(h.stripe.paymentIntents.create({ amount: 10, currency: "usd" }));
    expect(small.code).toBe("amount_too_small");
    const nested = await rejection(
      h.stripe.checkout.sessions.create({
        mode: "payment",
        success_url: "http://x/ok",
        line_items: [{ price_data: { currency: "usd", unit_amount: 100 }, quantity: 1 }],
      }),
    );
    expect(nested.code).toBe("parameter_missing");
    expect(nested.param).toBe("line_items[0][price_data][product]");
    const badExpand = await rejection(h.stripe.customers.create({ expand: ["nonsense"] }));
    expect(badExpand).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(badExpand.param).toBe("expand[0]");
  });

  it("unknown routes → 404 invalid_request_error 'Unrecognized request URL'", async () => {
    const res = await fetch(`${h.emulator.url}/v1/nothing_here`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("Unrecognized request URL (GET: /v1/nothing_here)");
    const viaSdk = await rejection(h.stripe.rawRequest("DELETE", "/v1/checkout/sessions/cs_1"));
    expect(viaSdk).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("accepts Stripe's form encoding: expand[] and bracketed nested keys, GET query params, Stripe-Version", async () => {
    const price = await createPrice(h.stripe, 1200, { name: "Lamp" });
    const create = await fetch(`${h.emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded", "Stripe-Version": "2026-10-28.endive" },
      body: [
        "mode=payment",
        "success_url=http%3A%2F%2Fshop.test%2Fok",
        `line_items[0][price]=${price.id}`,
        "line_items[0][quantity]=2",
        "line_items[1][price_data][currency]=usd",
        "line_items[1][price_data][unit_amount]=300",
        "line_items[1][price_data][product_data][name]=Bulb+pack",
        "line_items[1][quantity]=1",
        "metadata[cart]=c%201",
        "expand[]=line_items",
      ].join("&"),
    });
    expect(create.status).toBe(200);
    expect(create.headers.get("stripe-version")).toBe("2026-10-28.endive");
    const session = (await create.json()) as Stripe.Checkout.Session;
    expect(session.metadata).toEqual({ cart: "c 1" });
    expect(session.amount_total).toBe(2700);
    expect(session.line_items?.data.map((l) => l.description)).toEqual(["Lamp", "Bulb pack"]);
    const get = await fetch(`${h.emulator.url}/v1/checkout/sessions/${session.id}?expand[0]=line_items`, { headers: auth });
    expect(((await get.json()) as Stripe.Checkout.Session).line_items?.data).toHaveLength(2);
    const list = await fetch(`${h.emulator.url}/v1/checkout/sessions/${session.id}/line_items?limit=1`, { headers: auth });
    const page = (await list.json()) as Stripe.ApiList<Stripe.LineItem>;
    expect(page.data).toHaveLength(1);
    expect(page.has_more).toBe(true);
  });
});
