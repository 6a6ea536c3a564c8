import type Stripe from "stripe";
import type { Emulator, RequestInfo } from "./emulator";
import { invalidRequest, paramError, resourceMissing } from "./errors";
import { newId } from "./ids";
import { newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";
import { formatAmount } from "./pay-page";
import { getIntent } from "./payment-intents";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export function getCharge(emu: Emulator, id: string, param?: string): Stripe.Charge {
  const charge = emu.state.charges.get(id);
  if (!charge) throw resourceMissing("charge", id, param);
  return charge;
}

/** The charge a refund targets: `charge`, or the `latest_charge` of a succeeded `payment_intent`. */
function refundableCharge(emu: Emulator, p: Params): Stripe.Charge {
  const intentId = p.optStr("payment_intent");
  const chargeId = p.optStr("charge");
  if (intentId && chargeId) throw paramError("You may only specify one of these parameters: charge, payment_intent.", "charge");
  if (chargeId) return getCharge(emu, chargeId, "charge");
  if (!intentId) throw paramError("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent");
  const pi = getIntent(emu, intentId, "payment_intent");
  const charge = pi.status === "succeeded" && typeof pi.latest_charge === "string" ? emu.state.charges.get(pi.latest_charge) : undefined;
  if (!charge) throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, "payment_intent");
  return charge;
}

/**
 * `POST /v1/refunds` (https://docs.stripe.com/api/refunds/create): the whole unrefunded amount by
 * default, or `amount`; never more than what is left. Card refunds succeed at once in test mode.
 * Updates the charge's `amount_refunded` / `refunded` and emits `refund.created` and `charge.refunded`.
 */
export function createRefund(emu: Emulator, p: Params, req: RequestInfo): Stripe.Refund {
  const reason = p.enumOf("reason", REASONS) ?? null;
  const requested = p.int("amount", { min: 1 });
  const metadata = applyMetadata({}, p.metadata());
  const charge = refundableCharge(emu, p);
  if (!charge.paid || charge.status !== "succeeded")
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, "charge");
  if (charge.disputed)
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, undefined, "charge_disputed");
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
  const amount = requested ?? remaining;
  if (amount > remaining) {
    const fmt = (n: number) => formatAmount(n, charge.currency);
    throw invalidRequest(`Refund amount (${fmt(amount)}) is greater than unrefunded amount on charge (${fmt(remaining)})`, "amount");
  }
  const refund: Stripe.Refund = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: newId("txn"),
    charge: charge.id,
    created: emu.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: { card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" },
    metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  emu.state.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  emu.emit("refund.created", refund, req);
  emu.emit("charge.refunded", charge, req);
  return refund;
}

export function getRefund(emu: Emulator, id: string): Stripe.Refund {
  const refund = emu.state.refunds.get(id);
  if (!refund) throw resourceMissing("refund", id);
  return refund;
}

/** `GET /v1/refunds` filtered by `payment_intent` or `charge`, newest first. */
export function listRefunds(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Refund> {
  const intentId = p.optStr("payment_intent");
  const chargeId = p.optStr("charge");
  const items = newestFirst(emu.state.refunds).filter(
    (r) => (!intentId || r.payment_intent === intentId) && (!chargeId || r.charge === chargeId),
  );
  return paginate(items, p, "/v1/refunds", "refund");
}
