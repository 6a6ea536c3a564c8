/**
 * The cart API's sentences (seed 001's `message`), word for word as the seed contracts and the
 * black-box suite expect them. The browser maps them to its own words (components/i18n/api-errors.ts;
 * tests/unit/api-error-sentences.test.ts keeps the two in step).
 */
export const CART_MESSAGES = {
  contentType: "Content-Type must be application/json",
  tooLarge: "Request body too large",
  malformedJson: "Malformed JSON body",
  priceNotFound: (priceId: string) => `Cannot find price: ${priceId}`,
  inOpenCheckout: "This cart is in an open checkout. Change it on the checkout page, or wait until that checkout expires.",
  tooManyLines: (max: number) => `A cart holds at most ${max} different items`,
  lineQuantityCap: (priceId: string, max: number) => `Quantity of ${priceId} cannot exceed ${max}`,
  oneCurrency: (cartCurrency: string, priceId: string, priceCurrency: string) =>
    `Cart currency is ${cartCurrency}; ${priceId} is in ${priceCurrency}. A cart holds one currency.`,
  subscriptionMix: "All subscription items in a cart must share the same billing interval and currency",
  tooManyCheckouts: (retryAfterSeconds: number) => `Too many checkout attempts, try again in ${retryAfterSeconds} seconds`,
} as const;
