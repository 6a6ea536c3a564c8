import type Stripe from "stripe";
import { shippingDetailsFrom } from "./addresses";
import { bankDebitFor, beginProcessing } from "./bank-debits";
import { buildCharge, declineFor, resolvePaymentMethod } from "./cards";
import { chargeAmountError } from "./charge-limits";
import { sessionForIntent } from "./checkout-sessions";
import { getCustomer } from "./customers";
import type { Emulator, RequestInfo } from "./emulator";
import { ApiError, invalidRequest, paramError, resourceMissing } from "./errors";
import { clientSecret, newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";

const CONFIRMABLE: Stripe.PaymentIntent.Status[] = ["requires_payment_method", "requires_confirmation", "requires_action"];
const CANCELABLE: Stripe.PaymentIntent.Status[] = [
  "requires_payment_method",
  "requires_capture",
  "requires_confirmation",
  "requires_action",
  "processing",
];
const CANCELLATION_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

export interface IntentFields {
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  description: string | null;
  customer: string | null;
  receiptEmail: string | null;
  paymentMethodTypes: string[] | null;
}

export function buildIntent(emu: Emulator, f: IntentFields): Stripe.PaymentIntent {
  const id = newId("pi");
  const pi: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: f.paymentMethodTypes,
    amount: f.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: f.paymentMethodTypes ? null : { allow_redirects: "always", enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: clientSecret(id),
    confirmation_method: "automatic",
    created: emu.now(),
    currency: f.currency,
    customer: f.customer,
    customer_account: null,
    description: f.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: f.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: f.paymentMethodTypes ?? ["card"],
    payment_record: null,
    processing: null,
    receipt_email: f.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
  emu.state.paymentIntents.set(id, pi);
  return pi;
}

export function getIntent(emu: Emulator, id: string, param = "intent"): Stripe.PaymentIntent {
  const pi = emu.state.paymentIntents.get(id);
  if (!pi) throw resourceMissing("payment_intent", id, param);
  return pi;
}

function unexpectedState(pi: Stripe.PaymentIntent, action: string, allowed: string[]): ApiError {
  const e = invalidRequest(
    `You cannot ${action} this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action === "cancel" ? "canceled" : `${action}ed`}: ${allowed.join(", ")}.`,
    undefined,
    "payment_intent_unexpected_state",
  );
  e.body.payment_intent = structuredClone(pi);
  return e;
}

function checkAmount(amount: number, currency: string, param: string): void {
  const error = chargeAmountError(amount, currency, param);
  if (error) throw error;
}

/**
 * `shipping` {name, address{line1,…}, carrier?, phone?, tracking_number?} (stripe-node PaymentIntentCreateParams.Shipping);
 * an empty string on update clears it (Emptyable). undefined when not sent.
 */
function intentShippingFrom(p: Params): Stripe.PaymentIntent.Shipping | null | undefined {
  if (!p.has("shipping")) return undefined;
  if (p.value("shipping") === "") return null;
  const obj = p.obj("shipping");
  if (!obj) throw paramError("Invalid object", "shipping");
  const { name, address } = shippingDetailsFrom(obj);
  return { address, carrier: obj.optStr("carrier") ?? null, name, phone: obj.optStr("phone") ?? null, tracking_number: obj.optStr("tracking_number") ?? null };
}

export function createIntent(emu: Emulator, p: Params, req: RequestInfo): Stripe.PaymentIntent {
  const amount = p.reqInt("amount", { min: 1 });
  const currency = p.reqStr("currency").toLowerCase();
  checkAmount(amount, currency, "amount");
  // The pinned API version only knows allowed_payment_method_types: the pre-2026 payment_method_types
  // is refused as an unknown parameter (known-params/check.ts).
  const types = p.strList("allowed_payment_method_types");
  const customer = p.optStr("customer");
  if (customer) getCustomer(emu, customer, "customer");
  const pi = buildIntent(emu, {
    amount,
    currency,
    metadata: applyMetadata({}, p.metadata()),
    description: p.optStr("description") ?? null,
    customer: customer ?? null,
    receiptEmail: p.optStr("receipt_email") ?? null,
    paymentMethodTypes: types && types.length > 0 ? types : null,
  });
  pi.shipping = intentShippingFrom(p) ?? null;
  const returnUrl = p.optStr("return_url");
  if (returnUrl) emu.state.intentReturnUrls.set(pi.id, returnUrl);
  const pm = p.optStr("payment_method");
  if (pm && !p.bool("confirm")) {
    pi.payment_method = resolvePaymentMethod(emu, pm).id;
    pi.status = "requires_confirmation";
  }
  emu.emit("payment_intent.created", pi, req);
  if (p.bool("confirm")) confirmIntent(emu, pi, pm ?? undefined, req);
  return pi;
}

/**
 * Confirms with a payment method (test token or pm_…). A declined card leaves the intent in
 * `requires_payment_method` with `last_payment_error`, emits `payment_intent.payment_failed` and
 * throws the 402 card error Stripe answers.
 */
export function confirmIntent(emu: Emulator, pi: Stripe.PaymentIntent, paymentMethod: string | undefined, req: RequestInfo): Stripe.PaymentIntent {
  if (!CONFIRMABLE.includes(pi.status)) throw unexpectedState(pi, "confirm", CONFIRMABLE);
  const pmId = paymentMethod ?? (typeof pi.payment_method === "string" ? pi.payment_method : pi.payment_method?.id);
  if (!pmId) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      "payment_method",
      "payment_intent_unexpected_state",
    );
  }
  const pm = resolvePaymentMethod(emu, pmId);
  const decline = declineFor(pm);
  const charge = buildCharge(emu, pi, pm, decline);
  pi.latest_charge = charge.id;
  const debit = bankDebitFor(pm);
  if (debit) {
    beginProcessing(emu, pi, pm, charge, debit);
    emu.emit("payment_intent.processing", pi, req);
    return pi;
  }
  if (decline) {
    const doc_url = `https://docs.stripe.com/error-codes/${decline.code.replace(/_/g, "-")}`;
    pi.status = "requires_payment_method";
    pi.payment_method = null;
    pi.last_payment_error = {
      type: "card_error",
      charge: charge.id,
      code: decline.code as Stripe.PaymentIntent.LastPaymentError.Code,
      decline_code: decline.decline_code,
      doc_url,
      message: decline.message,
      payment_method: structuredClone(pm),
    };
    emu.emit("payment_intent.payment_failed", pi, req);
    throw new ApiError(402, {
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      message: decline.message,
      charge: charge.id,
      doc_url,
      payment_intent: structuredClone(pi),
      payment_method: structuredClone(pm),
      request_log_url: req.id ? `https://dashboard.stripe.com/test/logs/${req.id}` : undefined,
    });
  }
  pi.status = "succeeded";
  pi.payment_method = pm.id;
  pi.amount_received = pi.amount;
  pi.last_payment_error = null;
  emu.emit("payment_intent.succeeded", pi, req);
  return pi;
}

export function confirmIntentRoute(emu: Emulator, id: string, p: Params, req: RequestInfo): Stripe.PaymentIntent {
  const pi = getIntent(emu, id);
  if (!CONFIRMABLE.includes(pi.status)) throw unexpectedState(pi, "confirm", CONFIRMABLE);
  const returnUrl = p.optStr("return_url");
  if (returnUrl) emu.state.intentReturnUrls.set(pi.id, returnUrl);
  return confirmIntent(emu, pi, p.optStr("payment_method") ?? undefined, req);
}

export function updateIntent(emu: Emulator, id: string, p: Params): Stripe.PaymentIntent {
  const pi = getIntent(emu, id);
  if (!CONFIRMABLE.includes(pi.status)) {
    const e = invalidRequest(
      `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}. You may only update the amount of a PaymentIntent with one of the following statuses: ${CONFIRMABLE.join(", ")}.`,
      undefined,
      "payment_intent_unexpected_state",
    );
    e.body.payment_intent = structuredClone(pi);
    throw e;
  }
  // Everything is read and checked before anything changes: a refused update leaves the intent as it was.
  const currency = p.optStr("currency")?.toLowerCase() ?? pi.currency;
  const amount = p.int("amount", { min: 1 });
  if (amount !== undefined) checkAmount(amount, currency, "amount");
  const metadata = p.has("metadata") ? applyMetadata(pi.metadata, p.metadata()) : pi.metadata;
  const description = p.optStr("description");
  const receiptEmail = p.optStr("receipt_email");
  const customer = p.optStr("customer");
  const customerId = customer ? getCustomer(emu, customer, "customer").id : undefined;
  const shipping = intentShippingFrom(p);
  const pm = p.optStr("payment_method");
  const pmId = pm ? resolvePaymentMethod(emu, pm).id : undefined;

  pi.currency = currency;
  if (amount !== undefined) pi.amount = amount;
  pi.metadata = metadata;
  if (description !== undefined) pi.description = description;
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
  if (customerId) pi.customer = customerId;
  if (shipping !== undefined) pi.shipping = shipping;
  if (pmId) {
    pi.payment_method = pmId;
    pi.status = "requires_confirmation";
  }
  return pi;
}

/**
 * "You can directly cancel the PaymentIntent for a Checkout Session only when the PaymentIntent has
 * a status of requires_capture. Otherwise, you must expire the Checkout Session."
 * (https://docs.stripe.com/api/payment_intents/cancel). The message is the one Stripe answers
 * (stripe/stripe-dotnet#2429) followed by the docs' advice.
 */
function createdByCheckout(): ApiError {
  return invalidRequest(
    "You cannot perform this action on PaymentIntents created by Checkout. Expire the Checkout Session instead.",
  );
}

export function cancelIntent(emu: Emulator, id: string, p: Params, req: RequestInfo): Stripe.PaymentIntent {
  const pi = getIntent(emu, id);
  const reason = p.enumOf("cancellation_reason", CANCELLATION_REASONS);
  if (pi.status !== "requires_capture" && sessionForIntent(emu, pi.id)) throw createdByCheckout();
  if (!CANCELABLE.includes(pi.status)) throw unexpectedState(pi, "cancel", CANCELABLE);
  emu.state.settlements.delete(pi.id);
  pi.status = "canceled";
  pi.canceled_at = emu.now();
  pi.cancellation_reason = reason ?? null;
  emu.emit("payment_intent.canceled", pi, req);
  return pi;
}

export function listIntents(emu: Emulator, p: Params): Stripe.ApiList<Stripe.PaymentIntent> {
  const customer = p.optStr("customer");
  const created = createdFilter(p);
  const items = newestFirst(emu.state.paymentIntents).filter((x) => (!customer || x.customer === customer) && created(x.created));
  return paginate(items, p, "/v1/payment_intents", "payment_intent");
}
