import { db } from "../db";
import { HANDLED_EVENT_TYPES } from "./handled-events";
import {
  checkoutSessionObject,
  chargeObject,
  disputeObject,
  idOf,
  paymentIntentObject,
  refundObject,
  stripeEventEnvelope,
  succeededPaymentIntentObject,
} from "../stripe/events";
import type { ApplyOutcome } from "./apply";
import { fromIntent, fromSession, shippingFields } from "./collected-shipping";

type Outcome = ApplyOutcome | "duplicate" | "unhandled";


type HandledType = (typeof HANDLED_EVENT_TYPES)[number];

function isHandled(type: string): type is HandledType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}

/** The fields of a verified event the database function reads (zod-validated, fail closed). */
function eventFields(type: HandledType, object: Record<string, unknown>): Record<string, unknown> {
  if (type.startsWith("checkout.session.")) {
    const s = checkoutSessionObject.parse(object);
    return {
      id: s.id,
      order_hint: s.metadata?.order_id ?? s.client_reference_id ?? null,
      payment_status: s.payment_status,
      amount_total: s.amount_total,
      currency: s.currency ?? null,
      payment_intent: idOf(s.payment_intent),
      subscription: idOf(s.subscription),
      ...shippingFields(fromSession(s)),
    };
  }
  if (type.startsWith("payment_intent.")) {
    const pi = (type === "payment_intent.succeeded" ? succeededPaymentIntentObject : paymentIntentObject).parse(object);
    return {
      id: pi.id,
      order_hint: pi.metadata?.order_id ?? null,
      amount_received: pi.amount_received ?? null,
      currency: pi.currency,
      decline: pi.last_payment_error?.message ?? null,
      ...shippingFields(fromIntent(pi)),
    };
  }
  if (type === "charge.refunded") {
    const c = chargeObject.parse(object);
    return { id: c.id, payment_intent: idOf(c.payment_intent), amount: c.amount, amount_refunded: c.amount_refunded, refunded: c.refunded, currency: c.currency };
  }
  if (type === "refund.created") {
    const r = refundObject.parse(object);
    return { id: r.id, payment_intent: idOf(r.payment_intent), amount: r.amount, currency: r.currency, reason: r.reason ?? null, status: r.status ?? null };
  }
  const d = disputeObject.parse(object);
  return { id: d.id, payment_intent: idOf(d.payment_intent), amount: d.amount, currency: d.currency, reason: d.reason, status: d.status };
}

/**
 * Applies one verified Stripe event at most once, in one statement (stripe_event_apply): the
 * stripe_events row and the order change commit together, so a redelivery (even a concurrent one)
 * changes nothing. A payload we cannot act on throws a ZodError before anything is written.
 */
export async function handleStripeEvent(raw: unknown): Promise<Outcome> {
  const event = stripeEventEnvelope.parse(raw);
  const fields = isHandled(event.type) ? eventFields(event.type, event.data.object) : {};
  const [row] = await db()<{ outcome: Outcome }[]>`
    select outcome from public.stripe_event_apply(${event.id}, ${event.type}, ${db().json(fields as never)})`;
  return row!.outcome;
}
