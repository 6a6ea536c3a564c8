export * from "./types";
export { fetchCatalog, DEFAULT_CATALOG_LOCALE } from "./queries";
export { lowestPrice, lowestPriceIn, pricesIn, isSoldOut, describeRecurring, DEFAULT_CURRENCY } from "./pricing";
import { fetchCatalog } from "./queries";
import type { CatalogProduct } from "./types";

/** The catalog as shoppers of `locale` read it (translated names and descriptions where they exist). */
export async function listProducts(locale?: string): Promise<CatalogProduct[]> {
  return fetchCatalog(null, locale);
}

export async function getProductBySlug(slug: string, locale?: string): Promise<CatalogProduct | null> {
  const [product] = await fetchCatalog(slug, locale);
  return product ?? null;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export { translatedProductNames, withTranslatedNames } from "./translations";
