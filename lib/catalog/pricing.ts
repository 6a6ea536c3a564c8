import type { CatalogPrice, CatalogProduct, CatalogVariant } from "./types";

export const DEFAULT_CURRENCY = "eur";

/** Lowest active price of a product, preferring the shop's default currency and one-time prices. */
export function lowestPrice(product: CatalogProduct, currency = DEFAULT_CURRENCY): CatalogPrice | null {
  const all = product.variants.flatMap((v) => v.prices);
  const inCurrency = all.filter((p) => p.currency === currency);
  const pool = inCurrency.length > 0 ? inCurrency : all;
  const oneTime = pool.filter((p) => p.recurring === null);
  const candidates = oneTime.length > 0 ? oneTime : pool;
  return candidates.reduce<CatalogPrice | null>((min, p) => (min === null || p.unit_amount < min.unit_amount ? p : min), null);
}

/** A variant's active prices in one currency (a market shows no other). */
export function pricesIn(variant: CatalogVariant, currency: string): CatalogPrice[] {
  return variant.prices.filter((p) => p.currency === currency);
}

/** Lowest price of a product in exactly this currency (one-time preferred), or null: never another currency. */
export function lowestPriceIn(product: CatalogProduct, currency: string): CatalogPrice | null {
  const pool = product.variants.flatMap((v) => pricesIn(v, currency));
  const oneTime = pool.filter((p) => p.recurring === null);
  const candidates = oneTime.length > 0 ? oneTime : pool;
  return candidates.reduce<CatalogPrice | null>((min, p) => (min === null || p.unit_amount < min.unit_amount ? p : min), null);
}

export function isSoldOut(product: CatalogProduct): boolean {
  return product.variants.every((v) => v.stock <= 0);
}

export function describeRecurring(price: CatalogPrice): string {
  if (!price.recurring) return "";
  const { interval, interval_count } = price.recurring;
  return interval_count === 1 ? `per ${interval}` : `every ${interval_count} ${interval}s`;
}
