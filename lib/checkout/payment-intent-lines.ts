import type { Db } from "../db";
import type { OrderLineInput } from "../orders/types";
import { itemLabel, maxPerOrderMessage, overMaxPerOrder } from "../catalog/purchase-rules";
import { CHECKOUT_ERRORS as E, CHECKOUT_REQUEST_ERRORS as R, checkoutBodySchema, customizationSchema, positiveId, quantitySchema, type NormalizedLine } from "./payment-intent-schemas";

export class CheckoutRejection extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

/** Validates and normalizes the body in the seed's order: cart, variant ids, then per-line values. */
export function normalizeCheckoutBody(raw: unknown): { currency: string; lines: NormalizedLine[] } {
  const parsed = checkoutBodySchema.safeParse(raw);
  if (!parsed.success) {
    const currencyIssue = parsed.error.issues.some((i) => i.path[0] === "currency");
    throw new CheckoutRejection(400, currencyIssue ? R.currency : E.empty);
  }
  const { currency, cartItems } = parsed.data;
  if (cartItems.some((i) => i.variant_id === undefined || i.variant_id === null || i.variant_id === "")) {
    throw new CheckoutRejection(400, E.missingVariant);
  }
  const lines = cartItems.map((item): NormalizedLine => {
    const variant = positiveId.safeParse(item.variant_id);
    if (!variant.success) throw new CheckoutRejection(400, E.variantNotFound(String(item.variant_id)));
    const itemId = item.item_id === undefined || item.item_id === null ? null : positiveId.safeParse(item.item_id);
    if (itemId && !itemId.success) throw new CheckoutRejection(400, E.mismatch);
    const quantity = quantitySchema.safeParse(item.quantity ?? 1);
    if (!quantity.success) throw new CheckoutRejection(400, R.quantity);
    const customization = customizationSchema.safeParse(item.customization ?? {});
    if (!customization.success) throw new CheckoutRejection(400, R.customization);
    return { itemId: itemId ? itemId.data : null, variantId: variant.data, quantity: quantity.data, customization: customization.data };
  });
  return { currency, lines };
}

export interface VariantPrice {
  variant_id: number;
  product_id: number;
  product_name: string;
  variant_name: string;
  sku: string;
  price_id: string | null;
  unit_amount: number | null;
  max_per_order: number | null;
}

/**
 * The rows priceLines judges: each active variant (of an active product) among `ids` with its
 * cheapest active one-time price in `currency` (null when it has none). A statement fragment, so
 * a checkout can read it in the same round trip as everything else it needs.
 */
export function variantPricesQuery(conn: Db, currency: string, ids: number[]) {
  return conn`
    select v.id as variant_id, v.product_id, p.name as product_name, v.name as variant_name, v.sku,
           pr.id as price_id, pr.unit_amount, v.max_per_order
    from variants v
    join products p on p.id = v.product_id and p.active
    left join lateral (
      select id, unit_amount from prices
      where variant_id = v.id and currency = ${currency} and active and recurring_interval is null
      order by unit_amount limit 1
    ) pr on true
    where v.id = any(${ids}::bigint[]) and v.active`;
}

/**
 * Prices every line from the database rows (variantPricesQuery's) in the requested currency
 * (one-time prices only). What the merchant switched off does not exist here: an inactive product
 * or variant answers the seed's "Variant {id} introuvable", a variant whose only price in that
 * currency is inactive "has no price". Units beyond a variant's max_per_order (all lines of it
 * together) are refused before anything is held.
 */
export function priceLinesFromRows(currency: string, lines: NormalizedLine[], rows: VariantPrice[]): OrderLineInput[] {
  const byId = new Map(rows.map((r) => [r.variant_id, r]));
  for (const l of lines) if (!byId.has(l.variantId)) throw new CheckoutRejection(400, E.variantNotFound(l.variantId));
  for (const l of lines) if (l.itemId !== null && byId.get(l.variantId)!.product_id !== l.itemId) throw new CheckoutRejection(400, E.mismatch);
  for (const l of lines) {
    if (byId.get(l.variantId)!.price_id === null) {
      throw new CheckoutRejection(400, R.noPrice(l.variantId, currency));
    }
  }
  const over = overMaxPerOrder(lines.map((l) => {
    const r = byId.get(l.variantId)!;
    return { variantId: l.variantId, quantity: l.quantity, maxPerOrder: r.max_per_order, label: itemLabel(r.product_name, r.variant_name) };
  }));
  if (over) throw new CheckoutRejection(400, maxPerOrderMessage(over.max, over.label));
  return lines.map((l) => {
    const r = byId.get(l.variantId)!;
    return {
      productId: r.product_id,
      variantId: r.variant_id,
      priceId: r.price_id,
      name: r.product_name,
      variantName: r.variant_name,
      sku: r.sku,
      currency,
      unitAmount: r.unit_amount!,
      quantity: l.quantity,
      recurring: null,
      customization: l.customization,
    };
  });
}
