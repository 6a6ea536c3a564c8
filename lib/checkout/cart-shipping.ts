import { db } from "../db";
import { getEnv } from "../env";
import { rateLabel, ratesInCurrency, reachableCountries } from "./shipping";

export interface ShippingChoices {
  countries: string[];
  rates: { id: string; label: string; amount: number; countries: string[] | null }[];
}

/** What the address step offers for these products in this currency; null when none of them ships. */
export async function shippingChoicesFor(productIds: number[], currency: string): Promise<ShippingChoices | null> {
  if (productIds.length === 0) return null;
  const [row] = await db()<{ ships: boolean }[]>`
    select coalesce(bool_or(requires_shipping), false) as ships from products where id = any(${productIds}::bigint[])`;
  if (!row?.ships) return null;
  const rates = await ratesInCurrency(db(), currency);
  return {
    countries: reachableCountries(getEnv().SHIPPING_COUNTRIES, rates),
    rates: rates.map((r) => ({ id: r.id, label: rateLabel(r), amount: r.amount, countries: r.countries })),
  };
}
