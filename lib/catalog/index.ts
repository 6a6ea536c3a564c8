export * from "./types";
export { fetchCatalog } from "./queries";
export { lowestPrice, isSoldOut, describeRecurring, DEFAULT_CURRENCY } from "./pricing";
import { fetchCatalog } from "./queries";
import type { CatalogProduct } from "./types";

export async function listProducts(): Promise<CatalogProduct[]> {
  return fetchCatalog(null);
}

export async function getProductBySlug(slug: string): Promise<CatalogProduct | null> {
  const [product] = await fetchCatalog(slug);
  return product ?? null;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
