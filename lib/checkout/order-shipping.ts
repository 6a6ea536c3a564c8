import type { Tx } from "../db";
import type { OrderRow } from "../orders/types";
import { getEnv } from "../env";
import { itemsTotalSql } from "../orders/queries";
import { reachableCountries, ratesInCurrency } from "./shipping";

export class NoShippingRateError extends Error {
  constructor(readonly currency: string) {
    super(`We cannot ship to you in ${currency.toUpperCase()}: no shipping rate is available in this currency.`);
  }
}

/**
 * Inside the order's creating transaction: when anything in the order is posted
 * (products.requires_shipping), fix on the order the countries and rates checkout may offer, and
 * preselect the first rate (its price goes into the total); answers the updated order. Null when nothing ships (gift cards,
 * subscriptions). Subscriptions carry no shipping rates: Stripe takes `shipping_options` in
 * `payment` mode only (stripe-node Checkout.SessionCreateParams.shipping_options).
 */
export async function attachShipping(tx: Tx, orderId: string, currency: string): Promise<OrderRow | null> {
  const [row] = await tx<{ ships: boolean; recurring: boolean }[]>`
    select coalesce(bool_or(p.requires_shipping), false) as ships, bool_or(oi.recurring_interval is not null) as recurring
    from order_items oi join products p on p.id = oi.product_id where oi.order_id = ${orderId}`;
  if (!row?.ships) return null;
  const rates = row.recurring ? [] : await ratesInCurrency(tx, currency);
  if (!row.recurring && rates.length === 0) throw new NoShippingRateError(currency);
  const countries = reachableCountries(getEnv().SHIPPING_COUNTRIES, rates);
  const first = rates[0];
  const [order] = await tx<OrderRow[]>`
    update orders set shipping_countries = ${countries}, shipping_rates = ${tx.json(rates as never)},
      shipping_option = ${first?.id ?? null}, amount_shipping = ${first?.amount ?? 0},
      amount_total = ${first?.amount ?? 0} + ${itemsTotalSql(tx, orderId)}
    where id = ${orderId} returning *`;
  return order ?? null;
}
