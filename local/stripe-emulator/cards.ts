import type Stripe from "stripe";
import { BANK_DEBITS, buildBankDebitMethod } from "./bank-debits";
import type { Emulator } from "./emulator";
import { resourceMissing } from "./errors";
import { newId } from "./ids";

export interface Decline {
  code: string;
  decline_code: string;
  message: string;
}

interface TestCard {
  brand: string;
  last4: string;
  funding: "credit" | "debit";
  decline?: Decline;
}

/** Stripe's magic test PaymentMethod ids; each use creates a fresh `pm_…` like the real API. */
export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: "visa", last4: "4242", funding: "credit" },
  pm_card_visa_debit: { brand: "visa", last4: "5556", funding: "debit" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", funding: "credit" },
  pm_card_amex: { brand: "amex", last4: "8431", funding: "credit" },
  pm_card_chargeDeclined: {
    brand: "visa",
    last4: "0002",
    funding: "credit",
    decline: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa",
    last4: "9995",
    funding: "credit",
    decline: { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  },
  pm_card_chargeDeclinedFraudulent: {
    brand: "visa",
    last4: "0019",
    funding: "credit",
    decline: { code: "card_declined", decline_code: "fraudulent", message: "Your card was declined." },
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: "visa",
    last4: "0069",
    funding: "credit",
    decline: { code: "expired_card", decline_code: "expired_card", message: "Your card has expired." },
  },
};

/** The choices offered on the pay page, in order. */
export const PAY_PAGE_CARDS: { id: string; label: string }[] = [
  { id: "pm_card_visa", label: "Visa (succeeds)" },
  { id: "pm_card_mastercard", label: "Mastercard (succeeds)" },
  { id: "pm_card_chargeDeclined", label: "Declined card" },
  { id: "pm_card_chargeDeclinedInsufficientFunds", label: "Insufficient funds" },
  { id: "pm_delayed_succeeds", label: "Bank debit, settles later: succeeds" },
  { id: "pm_delayed_fails", label: "Bank debit, settles later: fails" },
];

function cardFor(pm: Stripe.PaymentMethod): TestCard | undefined {
  return Object.values(TEST_CARDS).find((c) => c.last4 === pm.card?.last4 && c.brand === pm.card?.brand);
}

export function declineFor(pm: Stripe.PaymentMethod): Decline | undefined {
  return cardFor(pm)?.decline;
}

function buildPaymentMethod(emu: Emulator, card: TestCard): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: card.brand === "amex" ? "american_express" : card.brand,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      fingerprint: `fp${card.last4}${card.brand}`,
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: emu.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
  emu.state.paymentMethods.set(pm.id, pm);
  return pm;
}

/**
 * Resolves `pm_card_visa`-style tokens and the delayed bank debits `pm_delayed_succeeds|fails`
 * (creating a PaymentMethod) or an existing `pm_…`.
 */
export function resolvePaymentMethod(emu: Emulator, id: string, param = "payment_method"): Stripe.PaymentMethod {
  const card = TEST_CARDS[id];
  if (card) return buildPaymentMethod(emu, card);
  const debit = BANK_DEBITS[id];
  if (debit) return buildBankDebitMethod(emu, debit);
  const existing = emu.state.paymentMethods.get(id);
  if (!existing) throw resourceMissing("PaymentMethod", id, param);
  return existing;
}

export function buildCharge(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, decline: Decline | undefined): Stripe.Charge {
  const paid = !decline;
  const charge: Stripe.Charge = {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: paid ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: paid ? newId("txn") : null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: "STOREFRONT",
    captured: paid,
    created: emu.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: paid ? "approved_by_network" : "declined_by_network",
      reason: decline?.decline_code ?? null,
      risk_level: "normal",
      seller_message: paid ? "Payment complete." : "The bank did not return any further details with this decline.",
      type: paid ? "authorized" : "issuer_declined",
    },
    paid,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: null,
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: paid ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: null,
  };
  emu.state.charges.set(charge.id, charge);
  return charge;
}
