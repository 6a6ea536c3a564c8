import type Stripe from "stripe";
import { bankDebitFor } from "./bank-debits";
import { declineFor, resolvePaymentMethod } from "./cards";
import { getSessionRecord } from "./checkout-sessions";
import { buildCustomer } from "./customers";
import type { Emulator, RequestInfo } from "./emulator";
import { ApiError, invalidRequest } from "./errors";
import { buildIntent, confirmIntent } from "./payment-intents";
import type { SessionRecord } from "./state";
import { requiredShipping, selectShippingRate, type PayerInput } from "./addresses";
import { recomputeTotals } from "./checkout-line-items";
import { buildSubscription } from "./subscriptions";

function withSessionId(url: string, id: string): string {
  return url.replaceAll("{CHECKOUT_SESSION_ID}", id).replaceAll("%7BCHECKOUT_SESSION_ID%7D", id);
}

/** Where the payer goes after completing: success_url (hosted) or return_url (other UI modes). */
export function completionRedirect(session: Stripe.Checkout.Session): string | null {
  if (session.ui_mode === "hosted_page") return session.success_url ? withSessionId(session.success_url, session.id) : null;
  if (session.redirect_on_completion === "never" || !session.return_url) return null;
  return withSessionId(session.return_url, session.id);
}

/** The PaymentIntent Checkout charges: the one of a declined attempt if any, else a new one. */
function attemptIntent(emu: Emulator, record: SessionRecord, req: RequestInfo): Stripe.PaymentIntent {
  const s = record.session;
  const amount = s.amount_total ?? 0;
  const previous = record.attemptPaymentIntent ? emu.state.paymentIntents.get(record.attemptPaymentIntent) : undefined;
  if (previous && previous.status === "requires_payment_method") {
    previous.amount = amount;
    return previous;
  }
  const customer = typeof s.customer === "string" ? s.customer : (s.customer?.id ?? null);
  const pi = buildIntent(emu, {
    amount,
    currency: s.currency ?? "usd",
    metadata: { ...record.paymentIntentData.metadata },
    description: record.paymentIntentData.description,
    customer,
    receiptEmail: s.customer_email,
    paymentMethodTypes: s.payment_method_types,
  });
  record.attemptPaymentIntent = pi.id;
  emu.emit("payment_intent.created", pi, req);
  return pi;
}

function declineError(pm: Stripe.PaymentMethod): ApiError | null {
  const decline = declineFor(pm);
  if (!decline) return null;
  return new ApiError(402, {
    type: "card_error",
    code: decline.code,
    decline_code: decline.decline_code,
    message: decline.message,
    payment_method: structuredClone(pm),
  });
}

/**
 * Pays an open session as its hosted page would. Payment mode: a PaymentIntent is created and
 * confirmed (a decline emits `payment_intent.payment_failed` and throws the 402 card error, the
 * session stays open; a bank debit leaves it `processing` and the session completes `unpaid`).
 * Subscription mode: a customer (if needed) and a subscription are created.
 * Then the session completes and `checkout.session.completed` is emitted.
 */
export function paySession(
  emu: Emulator,
  id: string,
  paymentMethod: string,
  req: RequestInfo,
  payer: PayerInput = {},
): { session: Stripe.Checkout.Session; redirectUrl: string | null } {
  const record = getSessionRecord(emu, id);
  const s = record.session;
  if (s.status !== "open") {
    throw invalidRequest(`This Checkout Session is ${s.status} and can no longer be paid.`, undefined, "checkout_session_not_open");
  }
  // Refused before anything is charged: no address, or one outside allowed_countries.
  const shipping = requiredShipping(s, payer.shipping_details);
  if (payer.shipping_rate) {
    selectShippingRate(s, payer.shipping_rate);
    recomputeTotals(record);
  }
  let paymentStatus: Stripe.Checkout.Session.PaymentStatus = "paid";
  let email = s.customer_email ?? (shipping ? (payer.email ?? null) : null);
  if (s.mode === "subscription") {
    const pm = resolvePaymentMethod(emu, paymentMethod);
    if (bankDebitFor(pm))
      throw invalidRequest("The Stripe emulator supports delayed bank debits in `payment` mode only.", "payment_method");
    const declined = declineError(pm);
    if (declined) throw declined;
    let customerId = typeof s.customer === "string" ? s.customer : (s.customer?.id ?? null);
    if (!customerId) customerId = buildCustomer(emu, { email: s.customer_email }).id;
    email = email ?? emu.state.customers.get(customerId)?.email ?? null;
    const sub = buildSubscription(emu, customerId, record.lineItems, pm.id, { ...record.subscriptionMetadata });
    s.customer = customerId;
    s.subscription = sub.id;
    emu.emit("customer.subscription.created", sub, req);
  } else if ((s.amount_total ?? 0) === 0) {
    paymentStatus = "no_payment_required";
  } else {
    const pi = attemptIntent(emu, record, req);
    confirmIntent(emu, pi, paymentMethod, req);
    s.payment_intent = pi.id;
    // A delayed-notification method completes the session unpaid; `checkout.session.async_payment_*`
    // follows when it settles (https://docs.stripe.com/checkout/fulfillment#delayed-notification).
    if (pi.status === "processing") paymentStatus = "unpaid";
  }
  s.status = "complete";
  s.payment_status = paymentStatus;
  s.url = null;
  if (shipping) s.collected_information = { business_name: null, individual_name: null, shipping_details: shipping };
  // The page takes one address for billing and shipping (billing_address_collection "required" is met by it).
  s.customer_details = {
    address: shipping ? { ...shipping.address } : null,
    business_name: null,
    email,
    individual_name: null,
    name: shipping?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  emu.emit("checkout.session.completed", s, req);
  return { session: s, redirectUrl: completionRedirect(s) };
}
