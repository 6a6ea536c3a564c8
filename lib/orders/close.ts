import Stripe from "stripe";
import { db } from "../db";
import { stripe } from "../stripe/client";
import { describeStripeError, isDefiniteRefusal, isResourceMissing, isStateRefusal } from "../stripe/errors";
import { logError } from "../http/log";
import { createOrFindPaymentIntent, createOrFindSession } from "../checkout/stripe-objects";
import { applyVerdict, intentVerdict, sessionVerdict, type Verdict } from "./stripe-verdict";
import { getOrderWithItems, type OrderWithItems } from "./queries";
import { isOpen } from "./state";

/**
 * closed: Stripe can no longer take money and the order is canceled with its stock released;
 * paid: Stripe had already taken the money, the order is settled as paid;
 * processing: a delayed payment is settling, the order keeps its stock;
 * unknown: Stripe's answer was lost or inconclusive, the order keeps its stock and is retried later;
 * not_open: the order was not pending or failed.
 */
export type CloseOutcome = "closed" | "paid" | "processing" | "unknown" | "not_open";

/** How long after its reservation an order's lost create may still be bound by a retry in flight. */
const EXPIRED_MARGIN_MS = 60_000;

/**
 * The one way to close an unpaid order at Stripe (superseded cart, expiry cron, reconciliation,
 * merchant cancel). A Checkout Session is expired, never its PaymentIntent (Stripe refuses to
 * cancel a PaymentIntent that belongs to a session: https://docs.stripe.com/api/payment_intents/cancel);
 * a PaymentIntent of our own is canceled. An object whose create answer was lost is found again by
 * replaying the create with the same idempotency key. Stock is released only once Stripe can no
 * longer take money for the order.
 */
export async function closeUnpaidOrder(orderId: string, reason: string, fallbackOrigin = ""): Promise<CloseOutcome> {
  const order = await getOrderWithItems(orderId);
  if (!order || !isOpen(order.status)) return "not_open";
  let verdict: Verdict;
  try {
    verdict = order.source === "checkout_session" ? await closeSession(order, fallbackOrigin) : await closePaymentIntent(order);
  } catch (error) {
    await recordCloseFailure(order, error);
    return "unknown";
  }
  if (verdict.kind === "open") {
    await recordCloseFailure(order, new Error("Stripe still shows the payment open"));
    return "unknown";
  }
  const outcome = await applyVerdict(order, verdict, reason);
  if (verdict.kind === "paid") return outcome === "applied" ? "paid" : "unknown";
  if (verdict.kind === "processing") return "processing";
  if (verdict.kind === "declined") return "unknown";
  return "closed";
}

async function closeSession(order: OrderWithItems, fallbackOrigin: string): Promise<Verdict> {
  const id = order.stripe_checkout_session_id ?? (await findUnbound(order, () => createOrFindSession(order, fallbackOrigin)));
  if (!id) return { kind: "closed", why: "no checkout session was ever handed out for it" };
  try {
    await stripe().checkout.sessions.expire(id);
    return { kind: "closed", why: "checkout session expired" };
  } catch (error) {
    if (isResourceMissing(error)) return { kind: "closed", why: "checkout session no longer exists at Stripe" };
    if (!isStateRefusal(error)) throw error;
    // Only open sessions can be expired: read what it became (complete, expired).
    return sessionVerdict(await stripe().checkout.sessions.retrieve(id, { expand: ["payment_intent"] }));
  }
}

async function closePaymentIntent(order: OrderWithItems): Promise<Verdict> {
  const id = order.stripe_payment_intent_id ?? (await findUnbound(order, () => createOrFindPaymentIntent(order)));
  if (!id) return { kind: "closed", why: "no PaymentIntent was ever handed out for it" };
  try {
    await stripe().paymentIntents.cancel(id, { cancellation_reason: "abandoned" });
    return { kind: "closed", why: "payment intent canceled" };
  } catch (error) {
    if (isResourceMissing(error)) return { kind: "closed", why: "payment intent no longer exists at Stripe" };
    if (!isStateRefusal(error)) throw error;
    // Succeeded, processing or already canceled PaymentIntents cannot be canceled.
    return intentVerdict(await stripe().paymentIntents.retrieve(id));
  }
}

/**
 * The order's create answer was lost, so no shopper ever got its session URL or client secret and
 * nobody can pay it. Replaying the create (same idempotency key) finds the object Stripe may have
 * made, so it can be closed too. null: there is nothing at Stripe to close: Stripe refused that very
 * request, or the reservation is over and the object (if any) stays unbound forever, since binding
 * needs an open order (a stored 5xx is replayed for the key's 24 hours).
 */
async function findUnbound(order: OrderWithItems, replayCreate: () => Promise<{ id: string }>): Promise<string | null> {
  const expired = order.expires_at.getTime() + EXPIRED_MARGIN_MS < Date.now();
  try {
    return (await replayCreate()).id;
  } catch (error) {
    if (isDefiniteRefusal(error) || expired) return null;
    throw error;
  }
}

/** Backoff: 1, 2, 4 … minutes, at most an hour, so an order Stripe keeps refusing never blocks the others. */
export function nextCloseDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.min(attempts, 6));
}

async function recordCloseFailure(order: OrderWithItems, error: unknown): Promise<void> {
  const message = describeStripeError(error).slice(0, 500);
  if (!(error instanceof Stripe.errors.StripeError)) logError(`close order ${order.id}`, error);
  await db()`update orders set close_attempts = close_attempts + 1, last_close_error = ${message},
               next_close_at = now() + make_interval(secs => ${nextCloseDelayMs(order.close_attempts) / 1000})
             where id = ${order.id}`;
}
