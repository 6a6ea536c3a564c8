import { db } from "../db";
import type { CatalogProduct } from "./types";

/**
 * Products with their active variants and active prices, nested by Postgres in one round trip.
 * slug = null lists the whole catalog.
 */
export async function fetchCatalog(slug: string | null): Promise<CatalogProduct[]> {
  const rows = await db()<{ product: CatalogProduct }[]>`
    select json_build_object(
      'id', p.id, 'slug', p.slug, 'name', p.name, 'description', p.description,
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
    where p.active and (${slug}::text is null or p.slug = ${slug})
    order by p.position, p.id`;
  return rows.map((r) => r.product);
}
