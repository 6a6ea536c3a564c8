import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { newId } from "./ids";

/**
 * Delayed-notification test payment methods, modelled on SEPA Direct Debit: confirming puts the
 * PaymentIntent in `processing`; it later succeeds or fails
 * (https://docs.stripe.com/payments/sepa-debit/accept-a-payment#test-integration: IBAN …3204 goes
 * from processing to succeeded, …3202 from processing to requires_payment_method).
 */
export interface BankDebit {
  last4: string;
  outcome: "succeeds" | "fails";
}

export const BANK_DEBITS: Record<string, BankDebit> = {
  pm_delayed_succeeds: { last4: "3204", outcome: "succeeds" },
  pm_delayed_fails: { last4: "3202", outcome: "fails" },
};

/** How a failed debit is reported on the charge and in `last_payment_error`. */
export const DEBIT_FAILURE = {
  code: "insufficient_funds",
  message: "The customer's account has insufficient funds to cover this payment.",
} as const;

export function bankDebitFor(pm: Stripe.PaymentMethod): BankDebit | undefined {
  if (pm.type !== "sepa_debit") return undefined;
  return Object.values(BANK_DEBITS).find((d) => d.last4 === pm.sepa_debit?.last4);
}

export function buildBankDebitMethod(emu: Emulator, debit: BankDebit): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email: "jenny@example.com", name: "Jenny Rosen", phone: null, tax_id: null },
    created: emu.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    sepa_debit: {
      bank_code: "19043",
      branch_code: "",
      country: "AT",
      fingerprint: `fpsepa${debit.last4}`,
      generated_from: null,
      last4: debit.last4,
    },
    type: "sepa_debit",
  };
  emu.state.paymentMethods.set(pm.id, pm);
  return pm;
}

/**
 * Puts a just-confirmed PaymentIntent into `processing` with a pending charge and schedules its
 * settlement `settleSeconds` of emulator time later
 * (https://docs.stripe.com/payments/paymentintents/lifecycle: bank debits stay `processing` for days).
 */
export function beginProcessing(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, charge: Stripe.Charge, debit: BankDebit): void {
  charge.status = "pending";
  charge.paid = false;
  charge.captured = false;
  charge.amount_captured = 0;
  charge.balance_transaction = null;
  if (charge.outcome) {
    charge.outcome.network_status = "approved_by_network";
    charge.outcome.seller_message = "Payment pending.";
    charge.outcome.type = "authorized";
  }
  pi.status = "processing";
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  emu.state.settlements.set(pi.id, {
    payment_intent: pi.id,
    outcome: debit.outcome,
    settle_at: emu.now() + emu.config.settleSeconds,
  });
}
