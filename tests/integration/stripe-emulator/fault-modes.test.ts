import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { createPrice, rejection, startHarness, type Harness } from "./harness";

let h: Harness;
let price: Stripe.Price;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control("/_emulator/reset", {});
  price = await createPrice(h.stripe, 1500, { name: "Lamp" });
});

function client(opts: { maxNetworkRetries?: number; timeout?: number } = {}): Stripe {
  const u = new URL(h.emulator.url);
  return new Stripe(LOCAL_DEFAULTS.STRIPE_SECRET_KEY, {
    host: u.hostname,
    port: Number(u.port),
    protocol: "http",
    maxNetworkRetries: opts.maxNetworkRetries ?? 0,
    ...(opts.timeout ? { timeout: opts.timeout } : {}),
  });
}

const sessionParams: Stripe.Checkout.SessionCreateParams = {
  mode: "payment",
  success_url: "http://shop.test/ok",
  line_items: [{ price: "", quantity: 1 }],
};
const sessionFor = () => ({ ...sessionParams, line_items: [{ price: price.id, quantity: 1 }] });
const allSessions = async () => (await h.stripe.checkout.sessions.list({ limit: 100 })).data;
const pendingFaults = async () => (await h.control<{ data: unknown[] }>("/_emulator/faults")).json.data;

describe("drop_after: Stripe acts, the answer is lost", () => {
  it("session create: the caller gets a connection error, the session exists, a retry with the same key returns it", async () => {
    // stripe-node retries a closed connection once even with maxNetworkRetries 0
    // (RequestSender._shouldRetry), so two uses are needed for the caller to see the failure.
    await h.control("/_emulator/faults", { operation: "checkout.sessions.create", mode: "drop_after", count: 2 });
    const err = await rejection(client().checkout.sessions.create(sessionFor(), { idempotencyKey: "order-41" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    const stored = await allSessions();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe("open");

    const retried = await client().checkout.sessions.create(sessionFor(), { idempotencyKey: "order-41" });
    expect(retried.id).toBe(stored[0]!.id);
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await allSessions()).toHaveLength(1);
  });

  it("a single drop is absorbed by the SDK's own reconnect retry, which gets the stored session", async () => {
    await h.control("/_emulator/faults", { operation: "checkout.sessions.create", mode: "drop_after", count: 1 });
    const created = await client().checkout.sessions.create(sessionFor());
    expect(created.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await allSessions()).map((x) => x.id)).toEqual([created.id]);
  });

  it("with SDK retries and a count covering every attempt: each attempt is dropped, yet only one session exists", async () => {
    await h.control("/_emulator/faults", { operation: "checkout.sessions.create", mode: "drop_after", count: 3 });
    const err = await rejection(client({ maxNetworkRetries: 2 }).checkout.sessions.create(sessionFor()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    // All three uses were taken: the first attempt and both retries were dropped.
    expect(await pendingFaults()).toEqual([]);
    expect(await allSessions()).toHaveLength(1);
  });

  it("PaymentIntent create: same guarantees, and a retry after the fault is used up gets the stored answer", async () => {
    await h.control("/_emulator/faults", { operation: "payment_intents.create", mode: "drop_after", count: 2 });
    const params = { amount: 2000, currency: "usd", metadata: { order_id: "o_9" } };
    const err = await rejection(client({ maxNetworkRetries: 1 }).paymentIntents.create(params, { idempotencyKey: "pi-order-9" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const intents = (await h.stripe.paymentIntents.list({ limit: 100 })).data;
    expect(intents).toHaveLength(1);
    const again = await client().paymentIntents.create(params, { idempotencyKey: "pi-order-9" });
    expect(again.id).toBe(intents[0]!.id);
    expect((await h.stripe.events.list({ type: "payment_intent.created" })).data).toHaveLength(1);
  });
});

describe("delay: the normal answer, late", () => {
  it("answers after delay_ms", async () => {
    await h.control("/_emulator/faults", { operation: "customers.create", mode: "delay", delay_ms: 300 });
    const started = Date.now();
    const customer = await client().customers.create({ email: "slow@example.com" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(customer.id).toMatch(/^cus_/);
  });

  it("a client timing out sees a connection error although the object was made; its retry with the same key finds it", async () => {
    await h.control("/_emulator/faults", { operation: "checkout.sessions.create", mode: "delay", delay_ms: 1500 });
    const err = await rejection(client({ timeout: 200 }).checkout.sessions.create(sessionFor(), { idempotencyKey: "slow-1" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const stored = await allSessions();
    expect(stored).toHaveLength(1);
    const retried = await client().checkout.sessions.create(sessionFor(), { idempotencyKey: "slow-1" });
    expect(retried.id).toBe(stored[0]!.id);
  });

  it("requires delay_ms and rejects unknown modes", async () => {
    expect((await h.control("/_emulator/faults", { operation: "customers.create", mode: "delay" })).status).toBe(400);
    expect((await h.control("/_emulator/faults", { operation: "customers.create", mode: "explode" })).status).toBe(400);
    expect(await pendingFaults()).toEqual([]);
  });
});
