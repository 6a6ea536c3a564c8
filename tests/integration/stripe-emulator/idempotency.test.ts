import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { createPrice, harnessSuite, rejection } from "./harness";

const h = harnessSuite();

async function countEvents(type: string, objectId: string): Promise<number> {
  const events = await h.stripe.events.list({ type, limit: 100 });
  return events.data.filter((e) => (e.data.object as { id: string }).id === objectId).length;
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key: identical object, one object, one event", async () => {
    const params = { amount: 4200, currency: "usd", metadata: { order_id: "o_1" } };
    const first = await h.stripe.paymentIntents.create(params, { idempotencyKey: "order-o_1" });
    const second = await h.stripe.paymentIntents.create(params, { idempotencyKey: "order-o_1" });
    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(await countEvents("payment_intent.created", first.id)).toBe(1);
    const all = await h.stripe.paymentIntents.list({ limit: 100 });
    expect(all.data.filter((p) => p.metadata.order_id === "o_1")).toHaveLength(1);
  });

  it("replays a Checkout Session create without a second session", async () => {
    const price = await createPrice(h.stripe, 1000);
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: "payment",
      success_url: "http://shop.test/ok",
      line_items: [{ price: price.id, quantity: 1 }],
    };
    const a = await h.stripe.checkout.sessions.create(params, { idempotencyKey: "cs-key" });
    const b = await h.stripe.checkout.sessions.create(params, { idempotencyKey: "cs-key" });
    expect(b.id).toBe(a.id);
    const sessions = await h.stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((s) => s.id === a.id)).toHaveLength(1);
    expect(sessions.data).toHaveLength(1);
  });

  it("refuses the same key with other parameters (StripeIdempotencyError)", async () => {
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { idempotencyKey: "reuse-me" });
    const err = await rejection(h.stripe.paymentIntents.create({ amount: 1001, currency: "usd" }, { idempotencyKey: "reuse-me" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.rawType).toBe("idempotency_error");
    expect(err.message).toContain("Keys for idempotent requests can only be used with the same parameters they were first used with");
    const otherEndpoint = await rejection(h.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "reuse-me" }));
    expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("replays a card decline without a second payment_failed event", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const first = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: "decline" }));
    const second = await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }, { idempotencyKey: "decline" }));
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.headers?.["idempotent-replayed"]).toBe("true");
    expect(await countEvents("payment_intent.payment_failed", pi.id)).toBe(1);
  });

  it("replays raw form requests whose parameters arrive in another order", async () => {
    const res = await fetch(`${h.emulator.url}/v1/customers`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${LOCAL_DEFAULTS.STRIPE_SECRET_KEY}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": "raw-key",
      },
      body: "email=a%40example.com&metadata[tier]=gold",
    });
    const body = (await res.json()) as Stripe.Customer;
    expect(res.status).toBe(200);
    expect(res.headers.get("idempotency-key")).toBe("raw-key");
    expect(body.metadata).toEqual({ tier: "gold" });
    const replay = await fetch(`${h.emulator.url}/v1/customers`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${LOCAL_DEFAULTS.STRIPE_SECRET_KEY}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": "raw-key",
      },
      body: "metadata[tier]=gold&email=a%40example.com",
    });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as Stripe.Customer).id).toBe(body.id);
  });
});
