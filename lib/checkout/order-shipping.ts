import type { Db } from "../db";
import { getEnv } from "../env";
import type { OrderShipping } from "../orders/create";
import { pricedRates, ratesInCurrency, reachableCountries, type RateRow } from "./shipping";
import { noShippingRate } from "./messages";

export class NoShippingRateError extends Error {
  constructor(readonly currency: string) {
    super(noShippingRate(currency));
  }
}

/**
 * What an order about to be created offers for shipping, read before its transaction: when anything
 * in it is posted (products.requires_shipping), the countries and rates checkout may offer, the first
 * rate preselected (its price goes into the total). Null when nothing ships (gift cards,
 * subscriptions). Subscriptions carry no shipping rates: Stripe takes `shipping_options` in `payment`
 * mode only (stripe-node Checkout.SessionCreateParams.shipping_options).
 */
export async function planShipping(
  conn: Db,
  lines: { productId: number; recurring: unknown }[],
  currency: string,
): Promise<OrderShipping | null> {
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const [row] = await conn<{ ships: boolean }[]>`
    select coalesce(bool_or(requires_shipping), false) as ships from products where id = any(${productIds}::bigint[])`;
  if (!row?.ships) return null;
  const recurring = lines.some((l) => l.recurring !== null);
  return shippingPlan({ ships: true, recurring, currency, rates: recurring ? [] : await ratesInCurrency(conn, currency) });
}

/**
 * The same plan from what a checkout's one read already holds: whether anything ships and the
 * active shipping_rates rows that carry an amount in the currency (lib/checkout/shipping.ts RATE_ROWS).
 */
export function shippingPlanFromRows(input: { ships: boolean; recurring: boolean; currency: string; rows: RateRow[] }): OrderShipping | null {
  if (!input.ships) return null;
  return shippingPlan({ ...input, rates: input.recurring ? [] : pricedRates(input.rows, input.currency) });
}

function shippingPlan({ ships, recurring, currency, rates }: { ships: boolean; recurring: boolean; currency: string; rates: ReturnType<typeof pricedRates> }): OrderShipping | null {
  if (!ships) return null;
  if (!recurring && rates.length === 0) throw new NoShippingRateError(currency);
  const first = rates[0];
  return { countries: reachableCountries(getEnv().SHIPPING_COUNTRIES, rates), rates, option: first?.id ?? null, amount: first?.amount ?? 0 };
}
