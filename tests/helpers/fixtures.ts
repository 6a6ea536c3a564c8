import crypto from "node:crypto";
import { db } from "@/lib/db";

export interface FixturePrice {
  id: string;
  currency: string;
  unit_amount: number;
  recurring?: { interval: "day" | "week" | "month" | "year"; interval_count: number };
}

/** Price ids keyed by currency (and interval for recurring prices). */
export type PriceKey = "eur" | "usd" | "eur_month" | "eur_year" | "usd_month";

export interface Fixture {
  productId: number;
  variantId: number;
  slug: string;
  prices: Record<PriceKey, string>;
}

const tag = () => crypto.randomBytes(5).toString("hex");

/**
 * A product of the test's own (one variant, given stock and prices), so parallel test files
 * never compete for the seeded catalog's stock.
 */
export async function createProduct(opts: {
  stock: number;
  prices?: Omit<FixturePrice, "id">[];
  name?: string;
  /** products.requires_shipping (the column's default, true, when omitted). */
  requiresShipping?: boolean;
}): Promise<Fixture> {
  const t = tag();
  const slug = `test-${t}`;
  const sql = db();
  const [p] = await sql<{ id: number }[]>`
    insert into products (slug, name, description, image, image_alt, requires_shipping) values
    (${slug}, ${opts.name ?? `Test product ${t}`}, 'fixture', '/images/ceramic-mug.svg', 'fixture', ${opts.requiresShipping ?? true}) returning id`;
  const [v] = await sql<{ id: number }[]>`
    insert into variants (product_id, sku, name, options, stock) values
    (${p!.id}, ${`SKU-${t}`}, 'Default', '{}'::jsonb, ${opts.stock}) returning id`;
  const prices: Record<string, string> = {};
  const list = opts.prices ?? [{ currency: "eur", unit_amount: 1000 }];
  for (const [i, pr] of list.entries()) {
    const id = `price_t${t}_${i}`;
    await sql`insert into prices (id, variant_id, currency, unit_amount, recurring_interval, recurring_interval_count)
              values (${id}, ${v!.id}, ${pr.currency}, ${pr.unit_amount}, ${pr.recurring?.interval ?? null}, ${pr.recurring?.interval_count ?? null})`;
    prices[`${pr.currency}${pr.recurring ? `_${pr.recurring.interval}` : ""}${i > 0 && !pr.recurring && list.slice(0, i).some((x) => x.currency === pr.currency && !x.recurring) ? `_${i}` : ""}`] = id;
  }
  return { productId: p!.id, variantId: v!.id, slug, prices: prices as Record<PriceKey, string> };
}

export async function stockOf(variantId: number): Promise<number> {
  const [row] = await db()<{ stock: number }[]>`select stock from variants where id = ${variantId}`;
  return row!.stock;
}
