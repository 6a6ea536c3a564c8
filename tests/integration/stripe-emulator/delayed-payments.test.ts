import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { startStripeEmulator } from "../../../local/stripe-emulator/index";
import { createPrice, rejection, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let price: Stripe.Price;
beforeAll(async () => {
  h = await startHarness({ webhooks: true, settleSeconds: 120 });
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control("/_emulator/reset", {});
  h.receiver!.received.length = 0;
  price = await createPrice(h.stripe, 2500, { name: "Boots", currency: "eur" });
});

interface Settled {
  payment_intent: string;
  checkout_session: string | null;
  outcome: "succeeded" | "failed";
}

async function hostedSession(): Promise<Stripe.Checkout.Session> {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: "http://shop.test/thanks?session_id={CHECKOUT_SESSION_ID}",
    line_items: [{ price: price.id, quantity: 2 }],
  });
}

async function payWith(id: string, paymentMethod: string) {
  return h.control<{ ok: boolean; status: string; object: { id: string } }>("/_emulator/pay", { id, payment_method: paymentMethod });
}

const eventTypes = async () => (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.type).reverse();
const delivered = (type: string) => h.receiver!.received.filter((r) => r.event.type === type);

describe("delayed bank debits (pm_delayed_succeeds / pm_delayed_fails)", () => {
  it("a Checkout Session paid by a succeeding debit completes unpaid, its PaymentIntent processes, settle makes both paid", async () => {
    const s = await hostedSession();
    const paid = await payWith(s.id, "pm_delayed_succeeds");
    expect(paid.status).toBe(200);
    expect(paid.json.status).toBe("complete");

    const completed = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(completed.status).toBe("complete");
    expect(completed.payment_status).toBe("unpaid");
    const piId = completed.payment_intent as string;
    const processing = await h.stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge", "payment_method"] });
    expect(processing.status).toBe("processing");
    expect((processing.payment_method as Stripe.PaymentMethod).type).toBe("sepa_debit");
    expect((processing.latest_charge as Stripe.Charge).status).toBe("pending");
    expect(await eventTypes()).toEqual(["payment_intent.created", "payment_intent.processing", "checkout.session.completed"]);

    const settled = await h.control<{ ok: boolean; settled: Settled[] }>("/_emulator/settle", { id: s.id });
    expect(settled.status).toBe(200);
    expect(settled.json.settled).toEqual([{ payment_intent: piId, checkout_session: s.id, outcome: "succeeded" }]);

    expect((await h.stripe.checkout.sessions.retrieve(s.id)).payment_status).toBe("paid");
    const pi = await h.stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge"] });
    expect(pi.status).toBe("succeeded");
    expect(pi.amount_received).toBe(5000);
    const charge = pi.latest_charge as Stripe.Charge;
    expect([charge.status, charge.paid, charge.amount_captured]).toEqual(["succeeded", true, 5000]);
    expect((await eventTypes()).slice(3)).toEqual(["payment_intent.succeeded", "checkout.session.async_payment_succeeded"]);
    const asyncEvent = (await h.stripe.events.list({ type: "checkout.session.async_payment_succeeded" })).data[0]!;
    expect((asyncEvent.data.object as Stripe.Checkout.Session).payment_status).toBe("paid");

    const again = await h.control<{ error: { message: string } }>("/_emulator/settle", { id: s.id });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toContain("Nothing is processing");
  });

  it("a failing debit on a Checkout Session: async_payment_failed, the session stays complete/unpaid, the PaymentIntent wants a new method", async () => {
    const s = await hostedSession();
    await payWith(s.id, "pm_delayed_fails");
    const piId = (await h.stripe.checkout.sessions.retrieve(s.id)).payment_intent as string;
    const settled = await h.control<{ settled: Settled[] }>("/_emulator/settle", { id: piId });
    expect(settled.json.settled).toEqual([{ payment_intent: piId, checkout_session: s.id, outcome: "failed" }]);

    const session = await h.stripe.checkout.sessions.retrieve(s.id);
    expect([session.status, session.payment_status]).toEqual(["complete", "unpaid"]);
    const pi = await h.stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge"] });
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error?.code).toBe("insufficient_funds");
    expect(pi.last_payment_error?.payment_method?.type).toBe("sepa_debit");
    expect((pi.latest_charge as Stripe.Charge).status).toBe("failed");
    expect((await eventTypes()).slice(3)).toEqual(["payment_intent.payment_failed", "checkout.session.async_payment_failed"]);
    const failed = (await h.stripe.events.list({ type: "checkout.session.async_payment_failed" })).data[0]!;
    expect((failed.data.object as Stripe.Checkout.Session).payment_status).toBe("unpaid");
  });

  it("a PaymentIntent confirmed through the API with a debit is processing, then settles", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1800, currency: "eur", payment_method: "pm_delayed_succeeds", confirm: true });
    expect(pi.status).toBe("processing");
    const other = await h.stripe.paymentIntents.create({ amount: 900, currency: "eur" });
    const confirmed = await h.stripe.paymentIntents.confirm(other.id, { payment_method: "pm_delayed_fails" });
    expect(confirmed.status).toBe("processing");
    expect((await h.stripe.events.list({ type: "payment_intent.processing" })).data).toHaveLength(2);
    // A processing PaymentIntent cannot be confirmed again.
    expect((await rejection(h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }))).code).toBe(
      "payment_intent_unexpected_state",
    );

    const all = await h.control<{ settled: Settled[] }>("/_emulator/settle", { all: true });
    expect(all.json.settled.map((x) => [x.payment_intent, x.checkout_session, x.outcome])).toEqual([
      [pi.id, null, "succeeded"],
      [other.id, null, "failed"],
    ]);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
    expect((await h.stripe.paymentIntents.retrieve(other.id)).status).toBe("requires_payment_method");
    expect((await h.control<{ settled: Settled[] }>("/_emulator/settle", { all: true })).json.settled).toEqual([]);
  });

  it("settles by itself once settleSeconds of emulator time pass: advancing the clock counts", async () => {
    const s = await hostedSession();
    await payWith(s.id, "pm_delayed_succeeds");
    const piId = (await h.stripe.checkout.sessions.retrieve(s.id)).payment_intent as string;
    // The emulator's clock is wall time plus the advances, so it leaves 10 s for this test's own
    // requests (1 s was too little on a loaded CI machine) before the 120 s are up.
    await h.control("/_emulator/clock/advance", { seconds: 110 });
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("processing");
    await h.control("/_emulator/clock/advance", { seconds: 10 });
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe("succeeded");
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).payment_status).toBe("paid");
    await waitFor(() => delivered("checkout.session.async_payment_succeeded").length === 1);
    expect(delivered("payment_intent.succeeded")).toHaveLength(1);
  });

  it("the pay page offers both debits and paying with one redirects to success_url", async () => {
    const s = await hostedSession();
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('value="pm_delayed_succeeds"');
    expect(html).toMatch(/<label for="pm-\d">Bank debit, settles later: succeeds<\/label>/);
    expect(html).toMatch(/<label for="pm-\d">Bank debit, settles later: fails<\/label>/);
    const res = await fetch(`${h.emulator.url}/pay/${s.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ payment_method: "pm_delayed_fails" }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://shop.test/thanks?session_id=${s.id}`);
    const session = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ["payment_intent"] });
    expect(session.payment_status).toBe("unpaid");
    expect((session.payment_intent as Stripe.PaymentIntent).status).toBe("processing");
  });

  it("settle refuses ids with nothing processing and malformed bodies", async () => {
    const paidByCard = await hostedSession();
    await payWith(paidByCard.id, "pm_card_visa");
    for (const body of [{ id: paidByCard.id }, { id: "pi_unknown" }]) {
      const res = await h.control<{ error: { type: string; message: string } }>("/_emulator/settle", body);
      expect(res.status).toBe(400);
      expect(res.json.error.type).toBe("invalid_request_error");
    }
    for (const body of [{}, { id: "ch_1" }, { all: false }]) expect((await h.control("/_emulator/settle", body)).status).toBe(400);
  });
});

describe("settle delay configuration", () => {
  async function statusAfter(url: string, seconds: number[]): Promise<string[]> {
    const stripe = emulatorStripe(url);
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "eur", payment_method: "pm_delayed_fails", confirm: true });
    const statuses: string[] = [];
    for (const s of seconds) {
      await fetch(`${url}/_emulator/clock/advance`, { method: "POST", body: JSON.stringify({ seconds: s }) });
      statuses.push((await stripe.paymentIntents.retrieve(pi.id)).status);
    }
    return statuses;
  }

  it("STRIPE_EMULATOR_SETTLE_SECONDS sets the delay; 60 seconds without it", async () => {
    const saved = process.env.STRIPE_EMULATOR_SETTLE_SECONDS;
    try {
      process.env.STRIPE_EMULATOR_SETTLE_SECONDS = "30";
      const configured = await startStripeEmulator({ port: 0, webhookUrls: [] });
      expect(await statusAfter(configured.url, [29, 1])).toEqual(["processing", "requires_payment_method"]);
      await configured.close();

      delete process.env.STRIPE_EMULATOR_SETTLE_SECONDS;
      const defaulted = await startStripeEmulator({ port: 0, webhookUrls: [] });
      expect(await statusAfter(defaulted.url, [59, 1])).toEqual(["processing", "requires_payment_method"]);
      await defaulted.close();
    } finally {
      if (saved === undefined) delete process.env.STRIPE_EMULATOR_SETTLE_SECONDS;
      else process.env.STRIPE_EMULATOR_SETTLE_SECONDS = saved;
    }
  });
});

describe("delayed bank debits across a restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-emulator-settle-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a processing payment is persisted and still settles after the emulator restarts", async () => {
    const file = path.join(dir, "stripe.json");
    const first = await startStripeEmulator({ port: 0, webhookUrls: [], persistPath: file, settleSeconds: 60 });
    const stripe = emulatorStripe(first.url);
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "eur", payment_method: "pm_delayed_succeeds", confirm: true });
    await first.close();

    const second = await startStripeEmulator({ port: 0, webhookUrls: [], persistPath: file, settleSeconds: 60 });
    const again = emulatorStripe(second.url);
    expect((await again.paymentIntents.retrieve(pi.id)).status).toBe("processing");
    await fetch(`${second.url}/_emulator/clock/advance`, { method: "POST", body: JSON.stringify({ seconds: 60 }) });
    expect((await again.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
    await second.close();
  });
});
