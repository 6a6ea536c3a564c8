import { itemLabel, maxPerOrderMessage, overMaxPerOrder, unavailableMessage, unavailableReason, type CappedLine, type UnavailableReason } from "../catalog/purchase-rules";
import { CartError } from "./errors";
import type { CartLine } from "./types";

export function lineLabel(l: Pick<CartLine, "product_name" | "variant_name">): string {
  return itemLabel(l.product_name, l.variant_name);
}

export function lineUnavailableReason(l: CartLine): UnavailableReason | null {
  return unavailableReason({ productActive: l.product_active, variantActive: l.variant_active, priceActive: l.price_active });
}

export function cappedLines(lines: CartLine[]): CappedLine[] {
  return lines.map((l) => ({ variantId: l.variant_id, quantity: l.quantity, maxPerOrder: l.max_per_order, label: lineLabel(l) }));
}

/**
 * A cart checkout refuses, with a 400 naming the item, a cart holding something the merchant
 * switched off or more units than a variant's max_per_order. Nothing is written before this.
 */
export function assertCartPurchasable(lines: CartLine[]): void {
  const off = lines.find((l) => lineUnavailableReason(l) !== null);
  if (off) throw new CartError(400, unavailableMessage(lineLabel(off)));
  const over = overMaxPerOrder(cappedLines(lines));
  if (over) throw new CartError(400, maxPerOrderMessage(over.max, over.label));
}
