import type Stripe from "stripe";
import { NO_REQUEST, type Emulator } from "./emulator";
import { invalidRequest, resourceMissing } from "./errors";
import { newId } from "./ids";
import { getIntent } from "./payment-intents";

/** Dispute reasons (https://docs.stripe.com/api/disputes/object#dispute_object-reason). */
export const DISPUTE_REASONS = [
  "bank_cannot_process",
  "check_returned",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "noncompliant",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

const OPEN_STATUSES: Stripe.Dispute.Status[] = ["needs_response", "under_review", "warning_needs_response", "warning_under_review"];
/** Stripe gives the merchant about a week to respond; the emulator only reports the date. */
const RESPONSE_WINDOW_SECONDS = 7 * 24 * 60 * 60;

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  };
}

/**
 * A cardholder disputes the charge of a succeeded PaymentIntent: a `needs_response` dispute for the
 * whole charge, `charge.disputed` set, `charge.dispute.created` emitted
 * (https://docs.stripe.com/disputes/how-disputes-work).
 */
export function openDispute(emu: Emulator, paymentIntentId: string, reason: DisputeReason): Stripe.Dispute {
  const pi = getIntent(emu, paymentIntentId, "payment_intent");
  const charge = pi.status === "succeeded" && typeof pi.latest_charge === "string" ? emu.state.charges.get(pi.latest_charge) : undefined;
  if (!charge) throw invalidRequest(`PaymentIntent ${pi.id} has no succeeded charge to dispute (status ${pi.status}).`, "payment_intent");
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, "payment_intent");
  const now = emu.now();
  const dispute: Stripe.Dispute = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: now + RESPONSE_WINDOW_SECONDS,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: pi.id,
    reason,
    status: "needs_response",
  };
  emu.state.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  emu.emit("charge.dispute.created", dispute, NO_REQUEST);
  return dispute;
}

export function getDispute(emu: Emulator, id: string): Stripe.Dispute {
  const dispute = emu.state.disputes.get(id);
  if (!dispute) throw resourceMissing("dispute", id);
  return dispute;
}

/** The card network decides: the dispute ends `won` or `lost` and `charge.dispute.closed` is emitted. */
export function closeDispute(emu: Emulator, id: string, status: "won" | "lost"): Stripe.Dispute {
  const dispute = getDispute(emu, id);
  if (!OPEN_STATUSES.includes(dispute.status))
    throw invalidRequest(`Dispute ${dispute.id} is already closed with status ${dispute.status}.`);
  dispute.status = status;
  emu.emit("charge.dispute.closed", dispute, NO_REQUEST);
  return dispute;
}
