import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { resourceMissing } from "./errors";
import { newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import type { Params } from "./params";

const DAY = 86400;
const INTERVAL_SECONDS: Record<string, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };

function planFor(price: Stripe.Price): Stripe.Plan | null {
  if (!price.recurring) return null;
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring.interval,
    interval_count: price.recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

/** A minimal active subscription for the recurring lines of a paid subscription-mode session. */
export function buildSubscription(
  emu: Emulator,
  customerId: string,
  lines: Stripe.LineItem[],
  paymentMethodId: string,
  metadata: Record<string, string>,
): Stripe.Subscription {
  const id = newId("sub");
  const now = emu.now();
  const items: Stripe.SubscriptionItem[] = [];
  for (const line of lines) {
    const price = line.price;
    const plan = price ? planFor(price) : null;
    if (!price || !plan || !price.recurring) continue;
    const period = (INTERVAL_SECONDS[price.recurring.interval] ?? 30 * DAY) * price.recurring.interval_count;
    items.push({
      id: newId("si"),
      object: "subscription_item",
      billing_thresholds: null,
      created: now,
      current_period_end: now + period,
      current_period_start: now,
      current_trial: null,
      discounts: [],
      metadata: {},
      plan,
      price,
      quantity: line.quantity ?? 1,
      subscription: id,
      tax_rates: [],
    });
  }
  const currency = lines[0]?.currency ?? "usd";
  const subscription: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: now,
    currency,
    customer: customerId,
    customer_account: null,
    days_until_due: null,
    default_payment_method: paymentMethodId,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
  emu.state.subscriptions.set(id, subscription);
  return subscription;
}

export function getSubscription(emu: Emulator, id: string): Stripe.Subscription {
  const sub = emu.state.subscriptions.get(id);
  if (!sub) throw resourceMissing("subscription", id);
  return sub;
}

export function listSubscriptions(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Subscription> {
  const customer = p.optStr("customer");
  const status = p.optStr("status");
  const created = createdFilter(p);
  const items = newestFirst(emu.state.subscriptions).filter(
    (x) => (!customer || x.customer === customer) && (!status || status === "all" || x.status === status) && created(x.created),
  );
  return paginate(items, p, "/v1/subscriptions", "subscription");
}
