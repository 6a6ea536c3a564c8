import type Stripe from "stripe";
import { transaction } from "../db";
import { applyPaymentSignal, markProcessing, settlePaidSession, type ApplyOutcome } from "./apply";
import { fromIntent, fromSession, recordCollectedShipping, type CollectedShipping } from "./collected-shipping";
import type { OrderRow } from "./types";

/** What Stripe's own object says about an unpaid order, whatever webhook did or did not arrive. */
export type Verdict =
  /** paymentIntentId: a session's PaymentIntent, kept on the order so refunds and disputes find it. */
  | { kind: "paid"; amount: { total: number; currency: string }; paymentIntentId?: string | null; shipping?: CollectedShipping }
  | { kind: "processing"; shipping?: CollectedShipping }
  /** Stripe can no longer take money for the order. */
  | { kind: "closed"; why: string }
  /** The last attempt was declined; the PaymentIntent can still be paid again. */
  | { kind: "declined"; message: string | null }
  /** Still payable: nothing to settle. */
  | { kind: "open" };

/**
 * A Checkout Session: `complete` + `unpaid` is a delayed payment still settling, unless its
 * PaymentIntent (expanded) already failed, in which case the session can never be paid again
 * (https://docs.stripe.com/payments/checkout/how-checkout-works, "delayed notification payment methods").
 */
export function sessionVerdict(s: Stripe.Checkout.Session): Verdict {
  if (s.status === "expired") return { kind: "closed", why: "checkout session expired" };
  if (s.status !== "complete") return { kind: "open" };
  if (s.payment_status === "paid" || s.payment_status === "no_payment_required") {
    if (s.amount_total === null || !s.currency) return { kind: "open" };
    const paymentIntentId = typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null);
    return { kind: "paid", amount: { total: s.amount_total, currency: s.currency }, paymentIntentId, shipping: fromSession(s) };
  }
  const pi = typeof s.payment_intent === "object" ? s.payment_intent : null;
  if (pi && (pi.status === "requires_payment_method" || pi.status === "canceled")) return { kind: "closed", why: "async payment failed" };
  return { kind: "processing", shipping: fromSession(s) };
}

export function intentVerdict(pi: Stripe.PaymentIntent): Verdict {
  switch (pi.status) {
    case "succeeded":
      return { kind: "paid", amount: { total: pi.amount_received, currency: pi.currency }, shipping: fromIntent(pi) };
    case "processing":
      return { kind: "processing", shipping: fromIntent(pi) };
    case "canceled":
      return { kind: "closed", why: "payment intent canceled" };
    case "requires_payment_method":
      return pi.last_payment_error ? { kind: "declined", message: pi.last_payment_error.message ?? null } : { kind: "open" };
    default:
      return { kind: "open" };
  }
}

/** Applies a verdict through the state machine (one transaction). */
export async function applyVerdict(order: Pick<OrderRow, "id" | "cart_id" | "source" | "status" | "payment_processing">, verdict: Verdict, reason: string): Promise<ApplyOutcome> {
  // Nothing new: no transaction, no event (the cron reads the same objects again and again).
  if (verdict.kind === "open") return "ignored";
  if (verdict.kind === "declined" && order.status === "failed") return "ignored";
  if (verdict.kind === "processing" && order.payment_processing) return "ignored";
  return transaction(async (conn) => {
    // What Stripe collected (address, chosen rate) lands with the status change, as in the webhook.
    if ((verdict.kind === "paid" || verdict.kind === "processing") && verdict.shipping) {
      await recordCollectedShipping(conn, order.id, verdict.shipping, verdict.kind);
    }
    switch (verdict.kind) {
      case "paid":
        if (order.source !== "checkout_session") return applyPaymentSignal(conn, { orderId: order.id, signal: "succeeded", amount: verdict.amount, reason });
        // Read back instead of a (missed) webhook: keep the PaymentIntent id the webhook would have stored.
        if (verdict.paymentIntentId) {
          await conn`update orders set stripe_payment_intent_id = coalesce(stripe_payment_intent_id, ${verdict.paymentIntentId}) where id = ${order.id}`;
        }
        return settlePaidSession(conn, { orderId: order.id, amount: verdict.amount, reason });
      case "processing":
        return markProcessing(conn, order.id, null, reason);
      case "closed":
        return applyPaymentSignal(conn, { orderId: order.id, signal: "canceled", reason: `${reason}: ${verdict.why}` });
      case "declined":
        return applyPaymentSignal(conn, { orderId: order.id, signal: "failed", reason, detail: verdict.message ? { decline: verdict.message } : undefined });
    }
  });
}
