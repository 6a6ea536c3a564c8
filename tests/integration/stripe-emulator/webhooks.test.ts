import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { DeliveryAttempt } from "../../../local/stripe-emulator/webhooks";
import { waitFor, webhookSuite, WEBHOOK_SECRET } from "./harness";

const h = webhookSuite({ retryDelaysMs: [20, 40, 60, 80] });

const deliveries = async (eventId?: string) =>
  (await h.control<{ data: DeliveryAttempt[] }>(`/_emulator/deliveries${eventId ? `?event_id=${eventId}` : ""}`)).json.data;

describe("webhook delivery", () => {
  it("retries with backoff until the endpoint answers 2xx", async () => {
    h.receiver!.respond = (index) => (index < 2 ? 500 : 200);
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const event = (await h.stripe.events.list({ type: "payment_intent.created" })).data[0]!;
    await waitFor(async () => (await deliveries(event.id)).some((d) => d.ok));
    const attempts = await deliveries(event.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(attempts[0]?.url).toBe(h.receiver!.url);
    expect(attempts[2]?.response_body).toContain("received");
    expect(h.receiver!.received.map((r) => r.event.id)).toEqual([event.id, event.id, event.id]);
    expect((h.receiver!.received[0]?.event.data.object as { id: string }).id).toBe(pi.id);
    await waitFor(async () => (await h.stripe.events.retrieve(event.id)).pending_webhooks === 0);
  });

  it("retries after a connection error and gives up after the last backoff step", async () => {
    await h.control("/_emulator/webhooks", { urls: ["http://127.0.0.1:9/unreachable"] });
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const attempts = await waitFor(async () => {
      const d = await deliveries();
      return d.length === 5 ? d : null;
    });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(attempts.every((a) => a.status === null && a.error)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(await deliveries()).toHaveLength(5);
  });

  it("signs with the webhook secret: constructEvent accepts it, a forged secret or tampered body fails", async () => {
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const hook = await waitFor(() => h.receiver!.received[0]);
    expect(hook.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET);
    expect(event.type).toBe("payment_intent.created");
    expect(() => h.stripe.webhooks.constructEvent(hook.body, hook.signature, "whsec_forged")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => h.stripe.webhooks.constructEvent(hook.body.replace("1000", "1"), hook.signature, WEBHOOK_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("sends only the event types the endpoint subscribes to (enabled_events), and pending_webhooks counts accordingly", async () => {
    const config = await h.control<{ enabledEvents: string[] }>("/_emulator/webhooks", { enabledEvents: ["payment_intent.succeeded"] });
    expect(config.json.enabledEvents).toEqual(["payment_intent.succeeded"]);
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    const succeeded = (await h.stripe.events.list({ type: "payment_intent.succeeded" })).data[0]!;
    await waitFor(() => h.receiver!.received.some((r) => r.event.id === succeeded.id));
    await h.control("/_emulator/webhooks/drain", { timeout_ms: 2000 });
    expect(h.receiver!.received.map((r) => r.event.type)).toEqual(["payment_intent.succeeded"]);
    const created = (await h.stripe.events.list({ type: "payment_intent.created" })).data[0]!;
    expect(created.pending_webhooks).toBe(0);
    expect(await deliveries(created.id)).toEqual([]);
    expect((await h.control<{ error?: unknown }>("/_emulator/webhooks", { enabledEvents: ["not an event"] })).status).toBe(400);
  });

  it("paused queues events; reverse mode delivers the queue in reverse order on unpause", async () => {
    await h.control("/_emulator/webhooks", { paused: true, deliveryMode: "reverse" });
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.receiver!.received).toHaveLength(0);
    expect((await h.control<{ queued: number }>("/_emulator/webhooks")).json.queued).toBe(2);
    await h.control("/_emulator/webhooks", { paused: false });
    await waitFor(() => h.receiver!.received.length === 2);
    expect(h.receiver!.received.map((r) => r.event.type)).toEqual(["payment_intent.succeeded", "payment_intent.created"]);
  });

  it("flush delivers the queue while staying paused", async () => {
    await h.control("/_emulator/webhooks", { paused: true });
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const flushed = await h.control<{ flushed: number }>("/_emulator/webhooks/flush", {});
    expect(flushed.json.flushed).toBe(1);
    await waitFor(() => h.receiver!.received.length === 1);
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.receiver!.received).toHaveLength(1);
  });

  it("twice mode delivers every event two times; resend delivers it again", async () => {
    await h.control("/_emulator/webhooks", { deliveryMode: "twice" });
    await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await waitFor(() => h.receiver!.received.length === 2);
    const [a, b] = h.receiver!.received;
    expect(a?.event.id).toBe(b?.event.id);
    await h.control("/_emulator/webhooks", { deliveryMode: "normal" });
    const resent = await h.control(`/_emulator/events/${a!.event.id}/resend`, {});
    expect(resent.status).toBe(200);
    await waitFor(() => h.receiver!.received.length === 3);
    expect(h.receiver!.received[2]?.event.id).toBe(a?.event.id);
    const drained = await h.control("/_emulator/webhooks/drain", {});
    expect(drained.status).toBe(200);
  });
});
