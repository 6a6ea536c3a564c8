import Stripe from "stripe";

/**
 * Did Stripe definitely not act on a request? Only a 4xx answer says so, and not every 4xx:
 * 409 (a concurrent request with the same idempotency key, still running) and 429 (rate limited,
 * the same key may have been used before) say nothing about the object, and an idempotency_error
 * means the key was already used, so an object may exist. Connection errors, timeouts and 5xx
 * leave the outcome unknown: Stripe may have acted (https://docs.stripe.com/error-low-level,
 * "Idempotency" and "Content errors"/"Network errors"; stripe-node's StripeError.statusCode).
 */
export function isDefiniteRefusal(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeIdempotencyError) return false;
  if (error.type === "idempotency_error") return false;
  const status = error.statusCode;
  return status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/** The object no longer exists at Stripe (deleted, or made with other keys). */
export function isResourceMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === "resource_missing";
}

/** A 400 about the object's state (already expired, already canceled, already paid, …). */
export function isStateRefusal(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && !isResourceMissing(error);
}

/** One line for logs and order_events: never a stack. */
export function describeStripeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    const rawType = (error.raw as { type?: string } | undefined)?.type;
    return [rawType ?? error.type, error.statusCode, error.code, error.message].filter((p) => p !== undefined && p !== "").join(" · ");
  }
  return error instanceof Error ? error.message : String(error);
}
