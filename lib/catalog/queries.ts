import { db } from "../db";
import type { CatalogProduct } from "./types";

/** The language of products.name/description; other languages come from product_translations. */
export const DEFAULT_CATALOG_LOCALE = "en";

/**
 * Products with their active variants and active prices, nested by Postgres in one round trip.
 * slug = null lists the whole catalog. `locale`: names and descriptions in that language where the
 * merchant translated them (product_translations), the default text otherwise.
 */
export async function fetchCatalog(slug: string | null, locale: string = DEFAULT_CATALOG_LOCALE): Promise<CatalogProduct[]> {
  const translated = locale === DEFAULT_CATALOG_LOCALE ? null : locale;
  const rows = await db()<{ product: CatalogProduct }[]>`
    select json_build_object(
      'id', p.id, 'slug', p.slug, 'name', coalesce(t.name, p.name),
      'description', coalesce(nullif(t.description, ''), p.description),
      'image', p.image, 'image_alt', p.image_alt,
      'variants', coalesce((
        select json_agg(json_build_object(
          'id', v.id, 'sku', v.sku, 'name', v.name, 'options', v.options, 'stock', v.stock,
          'prices', coalesce((
            select json_agg(json_build_object(
              'id', pr.id, 'variant_id', pr.variant_id, 'currency', pr.currency, 'unit_amount', pr.unit_amount,
              'recurring', case when pr.recurring_interval is null then null else
                json_build_object('interval', pr.recurring_interval, 'interval_count', pr.recurring_interval_count) end
            ) order by pr.currency, pr.recurring_interval nulls first, pr.unit_amount)
            from prices pr where pr.variant_id = v.id and pr.active), '[]'::json)
        ) order by v.position, v.id)
        from variants v where v.product_id = p.id and v.active), '[]'::json)
    ) as product
    from products p
    left join product_translations t on t.product_id = p.id and t.locale = ${translated}::text
    where p.active and (${slug}::text is null or p.slug = ${slug})
    order by p.position, p.id`;
  return rows.map((r) => r.product);
}
