import { invalidRequest, type ApiError } from "./errors";
import { formatAmount } from "./pay-page";

/**
 * Stripe's minimum charge amounts for the currencies a shop here is likely to use
 * (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
 */
const MINIMUM_AMOUNT: Record<string, number> = { usd: 50, eur: 50, cad: 50, aud: 50, chf: 50, gbp: 30, jpy: 50 };
/** "The amount value supports up to eight digits (e.g., a value of 99999999 for a USD charge of $999,999.99)" (same page). */
export const MAXIMUM_AMOUNT = 99999999;

export function minimumAmount(currency: string): number | undefined {
  return MINIMUM_AMOUNT[currency];
}

/** "$0.50 usd", "€0.50 eur": how Stripe's refusals print a limit. */
function limit(amount: number, currency: string): string {
  return `${formatAmount(amount, currency)} ${currency}`;
}

/**
 * PaymentIntent `amount` outside the limits: 400 `amount_too_small` "Amount must be at least
 * $0.50 usd" / `amount_too_large` "Amount must be no more than $999,999.99", param `amount` (the
 * messages Stripe answers, https://docs.stripe.com/error-codes#amount-too-small and
 * #amount-too-large). null when the amount is allowed.
 */
export function chargeAmountError(amount: number, currency: string, param: string): ApiError | null {
  const min = MINIMUM_AMOUNT[currency];
  if (min !== undefined && amount < min) return invalidRequest(`Amount must be at least ${limit(min, currency)}`, param, "amount_too_small");
  if (amount > MAXIMUM_AMOUNT)
    return invalidRequest(`Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`, param, "amount_too_large");
  return null;
}

/**
 * A payment-mode Checkout Session whose total is under the currency's minimum: 400 `amount_too_small`
 * "The Checkout Session's total amount due must add up to at least $0.50 usd".
 */
export function sessionTotalError(total: number, currency: string): ApiError | null {
  const min = MINIMUM_AMOUNT[currency];
  if (min === undefined || total >= min) return null;
  return invalidRequest(`The Checkout Session's total amount due must add up to at least ${limit(min, currency)}`, undefined, "amount_too_small");
}
