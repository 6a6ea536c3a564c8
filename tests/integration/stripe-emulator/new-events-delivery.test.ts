import type Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { createPrice, waitFor, webhookSuite, WEBHOOK_SECRET } from "./harness";

const h = webhookSuite();
let price: Stripe.Price;
beforeEach(async () => {
  price = await createPrice(h.stripe, 3000, { name: "Coat", currency: "eur" });
});

const ASYNC_FLOW = [
  "payment_intent.created",
  "payment_intent.processing",
  "checkout.session.completed",
  "payment_intent.succeeded",
  "checkout.session.async_payment_succeeded",
  "refund.created",
  "charge.refunded",
  "charge.dispute.created",
  "charge.dispute.closed",
];

/** Pays a session by bank debit, settles it, refunds part, disputes and closes: every new event type once. */
async function runAsyncFlow(): Promise<void> {
  const s = await h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: "http://shop.test/ok",
    line_items: [{ price: price.id, quantity: 1 }],
  });
  await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_delayed_succeeds" });
  await h.control("/_emulator/settle", { id: s.id });
  const piId = (await h.stripe.checkout.sessions.retrieve(s.id)).payment_intent as string;
  await h.stripe.refunds.create({ payment_intent: piId, amount: 500 });
  const dispute = await h.control<{ id: string }>("/_emulator/disputes", { payment_intent: piId });
  await h.control(`/_emulator/disputes/${dispute.json.id}/close`, { status: "won" });
}

describe("the new events go through the ordinary signed webhook delivery", () => {
  it("all are delivered signed, in order; paused queues them until unpaused", async () => {
    await h.control("/_emulator/webhooks", { paused: true });
    await runAsyncFlow();
    await new Promise((r) => setTimeout(r, 50));
    expect(h.receiver!.received).toHaveLength(0);
    expect((await h.control<{ queued: number }>("/_emulator/webhooks")).json.queued).toBe(ASYNC_FLOW.length);

    await h.control("/_emulator/webhooks", { paused: false });
    await waitFor(() => h.receiver!.received.length === ASYNC_FLOW.length);
    expect(h.receiver!.received.map((r) => r.event.type)).toEqual(ASYNC_FLOW);
    for (const hook of h.receiver!.received) {
      expect(h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET).type).toBe(hook.event.type);
    }
  });

  it("reverse mode reverses them; twice mode duplicates each", async () => {
    await h.control("/_emulator/webhooks", { paused: true, deliveryMode: "reverse" });
    await runAsyncFlow();
    await h.control("/_emulator/webhooks", { paused: false });
    await waitFor(() => h.receiver!.received.length === ASYNC_FLOW.length);
    expect(h.receiver!.received.map((r) => r.event.type)).toEqual([...ASYNC_FLOW].reverse());

    h.receiver!.received.length = 0;
    await h.control("/_emulator/webhooks", { deliveryMode: "twice" });
    await runAsyncFlow();
    await waitFor(() => h.receiver!.received.length === ASYNC_FLOW.length * 2);
    const counts = new Map<string, number>();
    for (const r of h.receiver!.received) counts.set(r.event.id, (counts.get(r.event.id) ?? 0) + 1);
    expect([...counts.values()]).toEqual(ASYNC_FLOW.map(() => 2));
  });
});
