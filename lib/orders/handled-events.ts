/**
 * Every event type the webhook endpoint must receive (README lists them for the Stripe dashboard).
 * Anything else is answered 200 and recorded as unhandled. The local stack's emulator subscribes
 * its endpoint to exactly these (local/dev.ts), as the dashboard's endpoint is.
 */
export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.processing",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "charge.refunded",
  "refund.created",
  "charge.dispute.created",
  "charge.dispute.closed",
] as const;
