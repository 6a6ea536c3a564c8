/**
 * What may be bought, whatever the path (cart, cart checkout, PaymentIntent checkout, edits while
 * paying): the merchant's switches (`active` on product, variant, price) and `variants.max_per_order`.
 * Pure functions; callers bring the rows and their own error shape.
 */

export type UnavailableReason = "product_inactive" | "variant_inactive" | "price_inactive";

export function unavailableReason(flags: { productActive: boolean; variantActive: boolean; priceActive: boolean }): UnavailableReason | null {
  if (!flags.productActive) return "product_inactive";
  if (!flags.variantActive) return "variant_inactive";
  if (!flags.priceActive) return "price_inactive";
  return null;
}

/** "Mug (Large)" or "Mug": how messages name an item. */
export function itemLabel(productName: string, variantName: string): string {
  return variantName ? `${productName} (${variantName})` : productName;
}

export function unavailableMessage(label: string): string {
  return `${label} is no longer available; remove it from your cart to check out`;
}

export function maxPerOrderMessage(max: number, label: string): string {
  return `You can buy at most ${max} of ${label} per order`;
}

export interface CappedLine {
  variantId: number;
  quantity: number;
  maxPerOrder: number | null;
  label: string;
}

/**
 * The first variant whose units in one order (all its lines together) exceed its cap, or null.
 * `only`: check just these variants (a cart edit judges the variants it increases, so a cap the
 * merchant lowered later never blocks removing other items).
 */
export function overMaxPerOrder(lines: CappedLine[], only?: Set<number>): { max: number; label: string } | null {
  const units = new Map<number, number>();
  for (const l of lines) units.set(l.variantId, (units.get(l.variantId) ?? 0) + l.quantity);
  for (const l of lines) {
    if (l.maxPerOrder === null || (only && !only.has(l.variantId))) continue;
    if ((units.get(l.variantId) ?? 0) > l.maxPerOrder) return { max: l.maxPerOrder, label: l.label };
  }
  return null;
}
