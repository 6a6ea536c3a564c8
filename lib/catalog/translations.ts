import { db } from "../db";
import { DEFAULT_CATALOG_LOCALE } from "./queries";

/** Translated product names by product id, for views built outside the catalog (the cart); missing = keep the default name. */
export async function translatedProductNames(productIds: number[], locale: string): Promise<Map<number, string>> {
  if (locale === DEFAULT_CATALOG_LOCALE || productIds.length === 0) return new Map();
  const rows = await db()<{ product_id: string; name: string }[]>`
    select product_id, name from product_translations where locale = ${locale} and product_id = any(${productIds}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.product_id), r.name]));
}

/** The same view with every product name the translations know replaced. */
export function withTranslatedNames<T extends { products: Record<string, { name: string }> }>(view: T, names: Map<number, string>): T {
  if (names.size === 0) return view;
  const products = Object.fromEntries(Object.entries(view.products).map(([id, p]) => [id, { ...p, name: names.get(Number(id)) ?? p.name }]));
  return { ...view, products };
}
