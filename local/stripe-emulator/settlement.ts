import type Stripe from "stripe";
import { DEBIT_FAILURE } from "./bank-debits";
import { sessionForIntent } from "./checkout-sessions";
import { NO_REQUEST, type Emulator, type RequestInfo } from "./emulator";
import { newId } from "./ids";
import type { PendingSettlement } from "./state";

export interface SettledPayment {
  payment_intent: string;
  checkout_session: string | null;
  outcome: "succeeded" | "failed";
}

function succeed(emu: Emulator, pi: Stripe.PaymentIntent, charge: Stripe.Charge | undefined, req: RequestInfo): void {
  if (charge) {
    charge.status = "succeeded";
    charge.paid = true;
    charge.captured = true;
    charge.amount_captured = charge.amount;
    charge.balance_transaction = newId("txn");
    if (charge.outcome) charge.outcome.seller_message = "Payment complete.";
  }
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  emu.emit("payment_intent.succeeded", pi, req);
}

function fail(emu: Emulator, pi: Stripe.PaymentIntent, charge: Stripe.Charge | undefined, req: RequestInfo): void {
  const pm = typeof pi.payment_method === "string" ? emu.state.paymentMethods.get(pi.payment_method) : undefined;
  if (charge) {
    charge.status = "failed";
    charge.failure_code = DEBIT_FAILURE.code;
    charge.failure_message = DEBIT_FAILURE.message;
    if (charge.outcome) {
      charge.outcome.network_status = "declined_by_network";
      charge.outcome.reason = DEBIT_FAILURE.code;
      charge.outcome.seller_message = DEBIT_FAILURE.message;
      charge.outcome.type = "issuer_declined";
    }
  }
  // A failed bank debit sends the PaymentIntent back to requires_payment_method with
  // last_payment_error (https://docs.stripe.com/payments/paymentintents/lifecycle).
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "invalid_request_error",
    charge: charge?.id,
    code: DEBIT_FAILURE.code,
    message: DEBIT_FAILURE.message,
    payment_method: pm ? structuredClone(pm) : undefined,
  };
  emu.emit("payment_intent.payment_failed", pi, req);
}

/**
 * Settles one processing payment. A Checkout Session stays `complete`; on success its
 * `payment_status` becomes `paid` and `checkout.session.async_payment_succeeded` follows the
 * PaymentIntent event, on failure `checkout.session.async_payment_failed`
 * (https://docs.stripe.com/checkout/fulfillment#delayed-notification). Returns null when the
 * PaymentIntent is no longer processing (canceled meanwhile): the record is dropped.
 */
export function settle(emu: Emulator, pending: PendingSettlement, req: RequestInfo = NO_REQUEST): SettledPayment | null {
  emu.state.settlements.delete(pending.payment_intent);
  const pi = emu.state.paymentIntents.get(pending.payment_intent);
  if (!pi || pi.status !== "processing") return null;
  const charge = typeof pi.latest_charge === "string" ? emu.state.charges.get(pi.latest_charge) : undefined;
  const record = sessionForIntent(emu, pi.id);
  const session = record && record.session.payment_intent === pi.id ? record.session : null;
  if (pending.outcome === "succeeds") {
    succeed(emu, pi, charge, req);
    if (session) {
      session.payment_status = "paid";
      emu.emit("checkout.session.async_payment_succeeded", session, req);
    }
  } else {
    fail(emu, pi, charge, req);
    if (session) emu.emit("checkout.session.async_payment_failed", session, req);
  }
  return { payment_intent: pi.id, checkout_session: session?.id ?? null, outcome: pending.outcome === "succeeds" ? "succeeded" : "failed" };
}

/** Settles every processing payment whose `settle_at` has passed on the emulator clock. */
export function settleDuePayments(emu: Emulator): number {
  const now = emu.now();
  let count = 0;
  for (const pending of [...emu.state.settlements.values()]) {
    if (pending.settle_at <= now && settle(emu, pending)) count++;
  }
  return count;
}

/** The pending settlement behind a `cs_…` or `pi_…` id, if one is processing. */
export function pendingFor(emu: Emulator, id: string): PendingSettlement | undefined {
  if (id.startsWith("cs_")) {
    const intentId = emu.state.sessions.get(id)?.session.payment_intent;
    return typeof intentId === "string" ? emu.state.settlements.get(intentId) : undefined;
  }
  return emu.state.settlements.get(id);
}
