import type Stripe from "stripe";
import { z } from "zod";
import type { Db, Tx } from "../db";

/**
 * A shipping rate as an order offered it: priced in the order's currency when the order was
 * created (orders.shipping_rates), so the merchant editing shipping_rates later changes no open checkout.
 */
export const offeredRate = z.object({
  id: z.string(),
  name: z.string(),
  amount: z.number().int().min(0),
  min_days: z.number().int().positive().nullable(),
  max_days: z.number().int().positive().nullable(),
  /** null = every country the order ships to. */
  countries: z.array(z.string()).nullable(),
  /** The Stripe Shipping Rate Checkout made from it (filled when the session is bound). */
  stripe_rate: z.string().nullable().optional(),
});
export type OfferedRate = z.infer<typeof offeredRate>;
export const offeredRates = z.array(offeredRate);

const amounts = z.record(z.string(), z.number().int().min(0));

/** A shipping_rates row as read (amounts: minor units per currency). */
export interface RateRow {
  id: string;
  name: string;
  amounts: unknown;
  countries: string[] | null;
  min_days: number | null;
  max_days: number | null;
}

/** Active rates priced in `currency`, in the merchant's order (the first is preselected). */
export async function ratesInCurrency(conn: Db | Tx, currency: string): Promise<OfferedRate[]> {
  const rows = await conn<RateRow[]>`
    select id, name, amounts, countries, min_days, max_days from shipping_rates
    where active and amounts ? ${currency} order by position, id`;
  return pricedRates(rows, currency);
}

/** The rows of ratesInCurrency's query (in its order) as offered rates. */
export function pricedRates(rows: RateRow[], currency: string): OfferedRate[] {
  return rows.flatMap((r) => {
    const priced = amounts.safeParse(r.amounts);
    const amount = priced.success ? priced.data[currency] : undefined;
    if (amount === undefined) return []; // a malformed row is not offered rather than failing every checkout
    return [{ id: r.id, name: r.name, amount, min_days: r.min_days, max_days: r.max_days, countries: r.countries?.map((c) => c.toUpperCase()) ?? null }];
  });
}

/** Does this rate ship to that country (within the order's allowed countries)? */
export function servesCountry(rate: OfferedRate, country: string): boolean {
  return rate.countries === null || rate.countries.includes(country.toUpperCase());
}

/** The shop's countries that at least one of the rates serves. */
export function reachableCountries(allowed: readonly string[], rates: OfferedRate[]): string[] {
  if (rates.length === 0) return [...allowed];
  return allowed.filter((c) => rates.some((r) => servesCountry(r, c)));
}

/**
 * Stripe's `shipping_options` with inline `shipping_rate_data` (stripe-node
 * Checkout.SessionCreateParams.ShippingOption.ShippingRateData), `chosen` first: Checkout preselects the first.
 */
export function stripeShippingOptions(rates: OfferedRate[], currency: string, chosen?: string | null): Stripe.Checkout.SessionCreateParams.ShippingOption[] {
  const first = rates.find((r) => r.id === chosen);
  const ordered = first ? [first, ...rates.filter((r) => r !== first)] : rates;
  return ordered.slice(0, 5).map((r) => ({
    shipping_rate_data: {
      type: "fixed_amount",
      display_name: r.name,
      fixed_amount: { amount: r.amount, currency },
      ...(r.min_days && r.max_days
        ? { delivery_estimate: { minimum: { unit: "business_day", value: r.min_days }, maximum: { unit: "business_day", value: r.max_days } } }
        : {}),
      metadata: { rate: r.id },
    },
  }));
}

/** "Standard shipping (3–5 business days)". */
export function rateLabel(rate: Pick<OfferedRate, "name" | "min_days" | "max_days">): string {
  if (!rate.min_days || !rate.max_days) return rate.name;
  const days = rate.min_days === rate.max_days ? `${rate.min_days}` : `${rate.min_days}–${rate.max_days}`;
  return `${rate.name} (${days} business days)`;
}
