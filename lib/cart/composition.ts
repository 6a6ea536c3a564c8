import { CartError } from "./errors";
import { CART_MESSAGES } from "./messages";
import { MAX_LINES, MAX_LINE_QUANTITY } from "./view";

export interface ComposedLine {
  priceId: string;
  quantity: number;
  currency: string;
  recurring_interval: string | null;
  recurring_interval_count: number | null;
}

/** Rules every cart obeys: one currency, one billing interval for subscriptions, bounded sizes. */
export function assertComposition(lines: ComposedLine[]): void {
  if (lines.length > MAX_LINES) throw new CartError(400, CART_MESSAGES.tooManyLines(MAX_LINES));
  for (const l of lines) {
    if (l.quantity > MAX_LINE_QUANTITY) {
      throw new CartError(400, CART_MESSAGES.lineQuantityCap(l.priceId, MAX_LINE_QUANTITY));
    }
  }
  const first = lines[0];
  if (!first) return;
  const other = lines.find((l) => l.currency !== first.currency);
  if (other) {
    throw new CartError(400, CART_MESSAGES.oneCurrency(first.currency, other.priceId, other.currency));
  }
  const recurring = lines.filter((l) => l.recurring_interval !== null);
  const r0 = recurring[0];
  if (r0 && recurring.some((l) => l.recurring_interval !== r0.recurring_interval || l.recurring_interval_count !== r0.recurring_interval_count)) {
    throw new CartError(400, CART_MESSAGES.subscriptionMix);
  }
}
