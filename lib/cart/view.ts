import { formatMoney } from "../money";
import { DEFAULT_CURRENCY } from "../catalog/pricing";
import { lineUnavailableReason } from "./purchasable";
import type { CartLine, LoadedCart } from "./types";

/** The most of one line a shopper may ask for (Stripe's adjustable_quantity maximum is 999999; we cap at 999). */
export const MAX_LINE_QUANTITY = 999;
export const MAX_LINES = 100;

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A cart item as the seed returns it: the Stripe price object plus price id and quantity. */
function itemJson(l: CartLine) {
  const unavailable = lineUnavailableReason(l);
  const recurring = l.recurring_interval
    ? { aggregate_usage: null, interval: l.recurring_interval, interval_count: l.recurring_interval_count ?? 1, meter: null, trial_period_days: null, usage_type: "licensed" }
    : null;
  return {
    object: "price" as const,
    id: l.price_id,
    active: l.price_active,
    billing_scheme: "per_unit",
    created: seconds(l.price_created),
    currency: l.currency,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: l.variant_name || null,
    product: l.product_id,
    recurring,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: l.unit_amount,
    unit_amount_decimal: String(l.unit_amount),
    price: l.price_id,
    quantity: l.quantity,
    line_total: l.unit_amount * l.quantity,
    adjustable_quantity: { enabled: true, minimum: 1, maximum: MAX_LINE_QUANTITY },
    variant: { id: l.variant_id, sku: l.sku, name: l.variant_name, options: l.options, stock: l.stock, max_per_order: l.max_per_order },
    /** The line's id in the open Checkout Session this cart is bound to (for cart edits while paying). */
    checkout_line_item_id: l.checkout_line_item_id,
    /** False when the merchant switched off the product, variant or price: remove the line to check out. */
    available: unavailable === null,
    unavailable_reason: unavailable,
  };
}

function productJson(l: CartLine) {
  return {
    id: l.product_id,
    object: "product" as const,
    active: l.product_active,
    attributes: [],
    created: seconds(l.product_created),
    description: l.product_description,
    images: l.product_image ? [l.product_image] : [],
    livemode: false,
    metadata: {},
    name: l.product_name,
    slug: l.product_slug,
    image_alt: l.product_image_alt,
    type: "good",
    updated: seconds(l.product_updated),
    url: `/products/${l.product_slug}`,
  };
}

export type CartJson = ReturnType<typeof cartJson>;

/** GET /api/cart's body; a missing cart gives the empty shape with number null. */
export function cartJson(loaded: LoadedCart | null) {
  const lines = loaded?.lines ?? [];
  const currency = lines[0]?.currency ?? DEFAULT_CURRENCY;
  const total = lines.reduce((sum, l) => sum + l.unit_amount * l.quantity, 0);
  const products: Record<string, ReturnType<typeof productJson>> = {};
  for (const l of lines) products[String(l.product_id)] ??= productJson(l);
  return {
    number: loaded?.cart.number ?? null,
    metadata: loaded?.cart.metadata ?? {},
    total_price: total,
    total_price_with_currency: formatMoney(total, currency),
    currency,
    item_count: lines.reduce((n, l) => n + l.quantity, 0),
    items: lines.map(itemJson),
    products,
    version: loaded?.cart.version ?? 0,
    checkout_session_id: loaded?.cart.checkout_session_id ?? null,
    sync_state: loaded?.cart.sync_state ?? "in_sync",
  };
}
