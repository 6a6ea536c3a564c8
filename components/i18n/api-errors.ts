/**
 * The APIs answer in the words of their seed contracts (English, and French for seed 002's checkout
 * errors); the browser shows the shopper's language. Known codes and sentences map to message keys
 * (messages/*.json, namespace Errors), with the values the sentence carries; anything else becomes
 * the caller's translated fallback, never the raw API text. Every entry is exercised by a message the
 * APIs really build (tests/unit/api-error-sentences.test.ts), so a reworded sentence fails a test
 * instead of silently showing the fallback.
 */

export type ErrorKey = string;
export type Translate = (key: ErrorKey, values?: Record<string, string | number>) => string;

/**
 * `error` codes of the checkout-session sync route (lib/checkout/sync-errors.ts); checked before the
 * sentences, as a code is the steadier of the two when a body carries both.
 */
export const CODES: Record<string, ErrorKey> = {
  invalid_quantity: "invalidQuantity",
  checkout_update_failed: "updateRejected",
  cart_reconciliation_required: "needsReconciliation",
  cart_version_conflict: "versionConflict",
  cannot_remove_last_item: "lastItem",
  checkout_session_not_open: "sessionClosed",
  unknown_line_item: "unknownLine",
  not_found: "notFound",
  invalid_shipping_option: "shippingOption",
  shipping_not_offered: "shippingNotOffered",
  invalid_shipping_details: "missingFields",
};

/** Sentences (the whole text) with their values; checked in order. */
export const SENTENCES: [RegExp, ErrorKey, (m: RegExpMatchArray) => Record<string, string | number>][] = [
  [/quantity must be an integer between (\d+) and (\d+)$/, "quantityRange", (m) => ({ min: Number(m[1]), max: Number(m[2]) })],
  [/^Quantity of .+ cannot exceed (\d+)$/, "lineQuantityCap", (m) => ({ max: Number(m[1]) })],
  [/^A cart holds at most (\d+) different items$/, "tooManyLines", (m) => ({ max: Number(m[1]) })],
  [/^Cannot find price: /, "priceNotFound", () => ({})],
  [/^Variant \d+ introuvable$/, "priceNotFound", () => ({})],
  [/^Variant \d+ has no price in [a-z]{3}$/, "priceNotFound", () => ({})],
  [/^Cart currency is (\w+); .+ is in (\w+)\. A cart holds one currency\.$/, "cartCurrency", (m) => ({ cartCurrency: m[1]!.toUpperCase(), otherCurrency: m[2]!.toUpperCase() })],
  [/^All subscription items in a cart must share/, "subscriptionMix", () => ({})],
  [/^Not enough stock for an item in your cart$/, "notEnoughStockOne", () => ({})],
  [/^Not enough stock for (.+)$/, "notEnoughStock", (m) => ({ items: m[1]! })],
  [/^Stock insuffisant pour un des variants$/, "notEnoughStockOne", () => ({})],
  [/^You can buy at most (\d+) of (.+) per order$/, "maxPerOrder", (m) => ({ max: Number(m[1]), item: m[2]! })],
  [/^(.+) is no longer available; remove it from your cart to check out$/, "itemUnavailable", (m) => ({ item: m[1]! })],
  [/^Cart is empty$/, "cartEmpty", () => ({})],
  [/^This cart is in an open checkout\./, "inOpenCheckout", () => ({})],
  [/^A payment for this cart is still being processed$/, "paymentProcessing", () => ({})],
  [/^This cart has already been paid$/, "alreadyPaid", () => ({})],
  [/^The cart changed during checkout, please try again$/, "cartChanged", () => ({})],
  [/needs reconciliation/, "needsReconciliation", () => ({})],
  [/^We do not ship to ([A-Z]{2})\. We ship to: (.+)\.$/, "shippingCountry", (m) => ({ country: m[1]!, countries: m[2]! })],
  [/^(.+) does not ship to ([A-Z]{2}); please choose another shipping option$/, "shippingOptionCountry", (m) => ({ rate: m[1]!, country: m[2]! })],
  [/^This shipping option is not offered/, "shippingOption", () => ({})],
  [/^Please enter a name, street, city, postal code and country\.$/, "missingFields", () => ({})],
  [/^We could not save your address with the payment provider/, "addressNotSaved", () => ({})],
  [/^This order can no longer be changed$/, "orderLocked", () => ({})],
  [/^Unauthorized$/, "signInAgain", () => ({})],
  [/^Too many requests/, "tooManyRequests", () => ({})],
  [/^Too many checkout attempts, try again in \d+ seconds$/, "tooManyRequests", () => ({})],
];

export type ApiErrorMatch =
  | { via: "code"; code: string; key: ErrorKey; values?: undefined }
  | { via: "sentence"; index: number; key: ErrorKey; values: Record<string, string | number> };

/** Which entry an API error body (`{error?, message?}`) maps to, or null for the fallback. */
export function matchApiError(body: unknown): ApiErrorMatch | null {
  const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
  if (typeof error === "string" && Object.hasOwn(CODES, error)) return { via: "code", code: error, key: CODES[error]! };
  for (const text of [message, error]) {
    if (typeof text !== "string") continue;
    for (const [index, [pattern, key, values]] of SENTENCES.entries()) {
      const m = text.match(pattern);
      if (m) return { via: "sentence", index, key, values: values(m) };
    }
  }
  return null;
}

/** What to show for an API error body (`{error?, message?}`); `t` translates Errors keys, `fallback` is one. */
export function apiErrorMessage(body: unknown, fallback: ErrorKey, t: Translate): string {
  const match = matchApiError(body);
  if (!match) return t(fallback);
  return match.values ? t(match.key, match.values) : t(match.key);
}
