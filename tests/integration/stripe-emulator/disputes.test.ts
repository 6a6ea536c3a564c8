import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { rejection, waitFor, webhookSuite, WEBHOOK_SECRET } from "./harness";

const h = webhookSuite();

const paidIntent = () => h.stripe.paymentIntents.create({ amount: 4200, currency: "usd", payment_method: "pm_card_visa", confirm: true });
const openDispute = (body: unknown) => h.control<Stripe.Dispute & { error?: { type: string; message: string } }>("/_emulator/disputes", body);

describe("disputes", () => {
  it("opens a needs_response dispute for the whole charge (reason fraudulent by default) and emits charge.dispute.created", async () => {
    const pi = await paidIntent();
    const res = await openDispute({ payment_intent: pi.id });
    expect(res.status).toBe(200);
    const dispute = res.json;
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute).toMatchObject({
      object: "dispute",
      status: "needs_response",
      amount: 4200,
      currency: "usd",
      charge: pi.latest_charge,
      payment_intent: pi.id,
      reason: "fraudulent",
    });
    expect(await h.stripe.disputes.retrieve(dispute.id)).toMatchObject({ id: dispute.id, status: "needs_response" });
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);

    const hook = await waitFor(() => h.receiver!.received.find((r) => r.event.type === "charge.dispute.created"));
    const event = h.stripe.webhooks.constructEvent(hook.body, hook.signature, WEBHOOK_SECRET);
    expect((event.data.object as Stripe.Dispute).id).toBe(dispute.id);
  });

  it("closing as won or lost emits charge.dispute.closed with that status; a closed dispute cannot close again", async () => {
    const won = (await openDispute({ payment_intent: (await paidIntent()).id, reason: "product_not_received" })).json;
    expect(won.reason).toBe("product_not_received");
    const lost = (await openDispute({ payment_intent: (await paidIntent()).id })).json;

    const closedWon = await h.control<Stripe.Dispute>(`/_emulator/disputes/${won.id}/close`, { status: "won" });
    expect([closedWon.status, closedWon.json.status]).toEqual([200, "won"]);
    const closedLost = await h.control<Stripe.Dispute>(`/_emulator/disputes/${lost.id}/close`, { status: "lost" });
    expect(closedLost.json.status).toBe("lost");
    expect((await h.stripe.disputes.retrieve(lost.id)).status).toBe("lost");

    const closed = (await h.stripe.events.list({ type: "charge.dispute.closed" })).data.reverse();
    expect(closed.map((e) => [(e.data.object as Stripe.Dispute).id, (e.data.object as Stripe.Dispute).status])).toEqual([
      [won.id, "won"],
      [lost.id, "lost"],
    ]);
    await waitFor(() => h.receiver!.received.filter((r) => r.event.type === "charge.dispute.closed").length === 2);

    expect((await h.control(`/_emulator/disputes/${won.id}/close`, { status: "lost" })).status).toBe(400);
  });

  it("refuses bad input: unpaid or unknown PaymentIntents, a second dispute, unknown reasons and statuses, unknown disputes", async () => {
    const unpaid = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect((await openDispute({ payment_intent: unpaid.id })).status).toBe(400);
    const unknown = await openDispute({ payment_intent: "pi_missing" });
    expect([unknown.status, unknown.json.error?.type]).toEqual([404, "invalid_request_error"]);
    const pi = await paidIntent();
    expect((await openDispute({ payment_intent: pi.id, reason: "bored" })).status).toBe(400);
    const first = await openDispute({ payment_intent: pi.id });
    expect((await openDispute({ payment_intent: pi.id })).status).toBe(400);
    expect((await h.control(`/_emulator/disputes/${first.json.id}/close`, { status: "pending" })).status).toBe(400);
    expect((await h.control("/_emulator/disputes/dp_missing/close", { status: "won" })).status).toBe(404);
    const missing = await rejection(h.stripe.disputes.retrieve("dp_missing"));
    expect([missing.statusCode, missing.code, missing.param]).toEqual([404, "resource_missing", "id"]);
    expect((await h.stripe.events.list({ type: "charge.dispute.created" })).data).toHaveLength(1);
  });

  it("a disputed charge can no longer be refunded", async () => {
    const pi = await paidIntent();
    await openDispute({ payment_intent: pi.id });
    const err = await rejection(h.stripe.refunds.create({ payment_intent: pi.id }));
    expect([err.statusCode, err.code]).toEqual([400, "charge_disputed"]);
  });
});
