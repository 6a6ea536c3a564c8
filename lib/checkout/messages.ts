/**
 * The checkout's sentences, word for word as the seed contracts and the black-box suite expect them.
 * The browser maps them to its own words (components/i18n/api-errors.ts;
 * tests/unit/api-error-sentences.test.ts keeps the two in step).
 */

/** POST /api/cart/checkout (seed 001's `message`). */
export const CART_CHECKOUT_MESSAGES = {
  empty: "Cart is empty",
  needsReconciliation: "This cart's checkout needs reconciliation before it can be paid",
  cartChanged: "The cart changed during checkout, please try again",
  alreadyPaid: "This cart has already been paid",
  processing: "A payment for this cart is still being processed",
  /** `labels` from stockLabel; none known names "an item in your cart". */
  notEnoughStock: (labels: string[]) => `Not enough stock for ${labels.join(", ") || "an item in your cart"}`,
  stockLabel: (productName: string, variantName: string, left: number) =>
    variantName ? `${productName} (${variantName}, ${left} left)` : `${productName} (${left} left)`,
} as const;

/** POST /api/orders/[id]/shipping (the PaymentIntent page's address step). */
export const ORDER_SHIPPING_MESSAGES = {
  notPaidHere: "This order is not paid on this site",
  locked: "This order can no longer be changed",
  nothingShips: "Nothing in this order ships",
  unknownRate: "This shipping option is not offered for this order",
  notSaved: "We could not save your address with the payment provider; please try again",
} as const;

/** Both address steps (the order's and the editable Checkout Session's) when the address is incomplete. */
export const ADDRESS_INCOMPLETE = "Please enter a name, street, city, postal code and country.";

/** A rate the shopper picked that does not reach their country (both address steps). */
export function rateNotForCountry(rateName: string, country: string): string {
  return `${rateName} does not ship to ${country}; please choose another shipping option`;
}

/** Both checkouts, when the shop has no shipping rate in the order's currency. */
export function noShippingRate(currency: string): string {
  return `We cannot ship to you in ${currency.toUpperCase()}: no shipping rate is available in this currency.`;
}
