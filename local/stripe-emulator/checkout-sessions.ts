import type Stripe from "stripe";
import { checkLineSet, newLineFromParams, recomputeTotals, shippingOptionsFrom } from "./checkout-line-items";
import { sessionTotalError } from "./charge-limits";
import { getCustomer } from "./customers";
import { NO_REQUEST, type Emulator, type RequestInfo } from "./emulator";
import { invalidRequest, missingParam, paramError, resourceMissing } from "./errors";
import { clientSecret, newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";
import type { SessionRecord } from "./state";
import { billingCollectionFrom, permissionsFrom, shippingCollectionFrom } from "./addresses";

const MODES = ["payment", "subscription", "setup"] as const;
export const UI_MODES = ["hosted_page", "embedded_page", "form", "elements"] as const;
const MIN_EXPIRY = 30 * 60;
const MAX_EXPIRY = 24 * 60 * 60;

export function getSessionRecord(emu: Emulator, id: string, param = "session"): SessionRecord {
  const record = emu.state.sessions.get(id);
  if (!record) throw resourceMissing("checkout.session", id, param);
  return record;
}

/** The Checkout Session that created a PaymentIntent, if any. */
export function sessionForIntent(emu: Emulator, paymentIntentId: string): SessionRecord | undefined {
  for (const record of emu.state.sessions.values()) {
    if (record.attemptPaymentIntent === paymentIntentId || record.session.payment_intent === paymentIntentId) return record;
  }
  return undefined;
}

export function payUrl(emu: Emulator, id: string): string {
  return `${emu.baseUrl}/pay/${id}`;
}

function checkUrls(p: Params, uiMode: Stripe.Checkout.Session.UiMode): void {
  if (uiMode === "hosted_page") {
    if (p.has("return_url"))
      throw paramError("You can not pass `return_url` when `ui_mode` is `hosted_page`. Use `success_url` instead.", "return_url");
    return;
  }
  for (const name of ["success_url", "cancel_url"]) {
    if (p.has(name)) throw paramError(`You can not pass \`${name}\` when \`ui_mode\` is \`${uiMode}\`.`, name);
  }
  const redirect = p.str("redirect_on_completion") ?? "always";
  if (redirect !== "never" && !p.optStr("return_url")) throw missingParam("return_url");
}

function expiresAt(emu: Emulator, p: Params): number {
  const now = emu.now();
  const requested = p.int("expires_at");
  if (requested === undefined) return now + MAX_EXPIRY;
  // "It can be anywhere from 30 minutes to 24 hours after Checkout Session creation"
  // (https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at): no
  // grace for a caller whose `now + 30 min` reaches Stripe a second later (the app adds a minute).
  if (requested < now + MIN_EXPIRY)
    throw paramError("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
  if (requested > now + MAX_EXPIRY)
    throw paramError("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
  return requested;
}

export function createSession(emu: Emulator, p: Params): Stripe.Checkout.Session {
  const mode = p.enumOf("mode", MODES);
  if (!mode) throw missingParam("mode");
  if (mode === "setup") throw paramError("The Stripe emulator does not support `setup` mode.", "mode");
  const uiMode = p.enumOf("ui_mode", UI_MODES) ?? "hosted_page";
  checkUrls(p, uiMode);
  const lineParams = p.list("line_items");
  if (!lineParams || lineParams.length === 0) throw missingParam("line_items");
  if (lineParams.length > 100) throw paramError("You may only specify up to 100 line items.", "line_items");
  const lines = lineParams.map((lp) => newLineFromParams(emu, lp));
  const currency = checkLineSet(mode, lines);

  const customerId = p.optStr("customer");
  const customerEmail = p.optStr("customer_email");
  if (customerId && customerEmail)
    throw paramError("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (customerId) getCustomer(emu, customerId, "customer");
  const clientReferenceId = p.optStr("client_reference_id");
  if (clientReferenceId && clientReferenceId.length > 200)
    throw paramError("client_reference_id must be at most 200 characters.", "client_reference_id");

  const pid = p.obj("payment_intent_data");
  if (pid && mode !== "payment") throw paramError("You can not pass `payment_intent_data` in `subscription` mode.", "payment_intent_data");
  const subData = p.obj("subscription_data");
  if (subData && mode !== "subscription") throw paramError("You can only pass `subscription_data` in `subscription` mode.", "subscription_data");

  const shippingOptions = shippingOptionsFrom(emu, p.list("shipping_options") ?? [], currency);
  if (shippingOptions.length > 0 && mode !== "payment")
    throw paramError("`shipping_options` can only be used in `payment` mode.", "shipping_options");
  const shippingCollection = shippingCollectionFrom(p);
  const permissions = permissionsFrom(p, uiMode);
  const allowedTypes = p.strList("allowed_payment_method_types") ?? null;
  const redirectOnCompletion = p.enumOf("redirect_on_completion", ["always", "if_required", "never"] as const);
  const id = newId("cs");
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: p.bool("allow_promotion_codes") ?? null,
    allowed_payment_method_types: allowedTypes,
    amount_subtotal: 0,
    amount_total: 0,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: billingCollectionFrom(p),
    cancel_url: p.optStr("cancel_url") ?? null,
    client_reference_id: clientReferenceId ?? null,
    client_secret: uiMode === "hosted_page" ? null : clientSecret(id),
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: emu.now(),
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId ?? null,
    customer_account: null,
    customer_creation: customerId ? null : "if_required",
    customer_details: null,
    customer_email: customerEmail ?? null,
    discounts: [],
    expires_at: expiresAt(emu, p),
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: applyMetadata({}, p.metadata()),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: allowedTypes ?? ["card"],
    payment_status: "unpaid",
    permissions,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: shippingCollection,
    shipping_cost: null,
    shipping_options: shippingOptions,
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: p.optStr("success_url") ?? null,
    total_details: null,
    ui_mode: uiMode,
    url: uiMode === "hosted_page" ? payUrl(emu, id) : null,
    wallet_options: null,
  };
  if (uiMode !== "hosted_page") {
    session.redirect_on_completion = redirectOnCompletion ?? "always";
    const returnUrl = p.optStr("return_url");
    if (returnUrl) session.return_url = returnUrl;
  }
  const record: SessionRecord = {
    session,
    lineItems: lines,
    paymentIntentData: {
      metadata: applyMetadata({}, pid?.metadata(), "payment_intent_data[metadata]"),
      description: pid?.optStr("description") ?? null,
    },
    subscriptionMetadata: applyMetadata({}, subData?.metadata(), "subscription_data[metadata]"),
    attemptPaymentIntent: null,
  };
  recomputeTotals(record);
  if (mode === "payment") {
    const tooSmall = sessionTotalError(session.amount_total ?? 0, currency);
    if (tooSmall) throw tooSmall;
  }
  emu.state.sessions.set(id, record);
  return session;
}

export function listSessions(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Checkout.Session> {
  const paymentIntent = p.optStr("payment_intent");
  const customer = p.optStr("customer");
  const subscription = p.optStr("subscription");
  const status = p.enumOf("status", ["open", "complete", "expired"] as const);
  const created = createdFilter(p);
  const items = newestFirst(emu.state.sessions)
    .map((r) => r.session)
    .filter(
      (s) =>
        (!paymentIntent || s.payment_intent === paymentIntent) &&
        (!customer || s.customer === customer) &&
        (!subscription || s.subscription === subscription) &&
        (!status || s.status === status) &&
        created(s.created),
    );
  return paginate(items, p, "/v1/checkout/sessions", "checkout.session");
}

function expireRecord(emu: Emulator, record: SessionRecord, req: RequestInfo): void {
  const s = record.session;
  s.status = "expired";
  s.url = null;
  // Checkout cancels the PaymentIntent of an earlier declined attempt when the session ends.
  const attempt = record.attemptPaymentIntent ? emu.state.paymentIntents.get(record.attemptPaymentIntent) : undefined;
  if (attempt && attempt.status === "requires_payment_method") {
    attempt.status = "canceled";
    attempt.canceled_at = emu.now();
    attempt.cancellation_reason = "abandoned";
    emu.emit("payment_intent.canceled", attempt, req);
  }
  emu.emit("checkout.session.expired", s, req);
}

export function expireSession(emu: Emulator, id: string, req: RequestInfo): Stripe.Checkout.Session {
  const record = getSessionRecord(emu, id);
  if (record.session.status !== "open") {
    // Stripe's wording quotes the status in backticks: "… has a status of `expired`." (as recorded from
    // production responses in public integrations that match on it).
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${record.session.status}\`.`,
      undefined,
      "checkout_session_not_open",
    );
  }
  expireRecord(emu, record, req);
  return record.session;
}

/** Expires open sessions whose `expires_at` has passed on the emulator clock. */
export function expireDueSessions(emu: Emulator): number {
  const now = emu.now();
  let count = 0;
  for (const record of emu.state.sessions.values()) {
    if (record.session.status === "open" && record.session.expires_at <= now) {
      expireRecord(emu, record, NO_REQUEST);
      count++;
    }
  }
  return count;
}
