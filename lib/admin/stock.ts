import { db, type Db } from "../db";
import { AdminInputError } from "./http";

export interface StockRow {
  variant_id: number;
  product_name: string;
  variant_name: string;
  sku: string;
  active: boolean;
  /** Free to sell (variants.stock). */
  stock: number;
  /** Units taken by orders still on the shelf: unpaid orders, and paid ones not shipped yet. */
  held: number;
  /** Units of paid (or since refunded) orders. */
  sold: number;
  low_stock_at: number;
}

/**
 * Units an order keeps off free stock while they are still physically here: unpaid orders holding
 * stock (pending, failed) and paid orders not yet shipped. Units on hand = free stock + these.
 */
function heldSql(conn: Db) {
  return conn`
    select oi.variant_id, sum(oi.quantity)::int as held
    from order_items oi join orders o on o.id = oi.order_id
    where o.stock_held and (o.status in ('pending', 'failed') or (o.status = 'paid' and o.fulfillment_status = 'unfulfilled'))
    group by oi.variant_id`;
}

export async function listStock(): Promise<StockRow[]> {
  const sql = db();
  return sql<StockRow[]>`
    with held as (${heldSql(sql)}),
    sold as (
      select oi.variant_id, sum(oi.quantity)::int as sold
      from order_items oi join orders o on o.id = oi.order_id
      where o.status in ('paid', 'refunded') group by oi.variant_id
    )
    select v.id as variant_id, p.name as product_name, v.name as variant_name, v.sku, v.active and p.active as active,
           v.stock, coalesce(h.held, 0) as held, coalesce(s.sold, 0) as sold, v.low_stock_at
    from variants v join products p on p.id = v.product_id
    left join held h on h.variant_id = v.id left join sold s on s.variant_id = v.id
    order by p.position, p.id, v.position, v.id`;
}

/**
 * Sets a variant's units on hand (what the merchant counted on the shelf). Orders keep what they
 * hold: the one update moves free stock by the difference between the new count and the current
 * free + held units, and refuses a count below what orders hold. The variant row is locked first,
 * so no checkout or release (which lock it too) can change stock or held units in between.
 */
export async function setUnitsOnHand(variantId: number, onHand: number, lowStockAt: number | null): Promise<{ stock: number; held: number }> {
  return db().begin(async (tx) => {
    const [variant] = await tx`select id from variants where id = ${variantId} for update`;
    if (!variant) throw new AdminInputError(404, "variant_not_found", "Variant not found");
    const [row] = await tx<{ stock: number; held: number }[]>`
      with held as (${heldSql(tx)})
      update variants v set
        stock = v.stock + (${onHand}::int - (v.stock + coalesce((select held from held where variant_id = v.id), 0))),
        low_stock_at = coalesce(${lowStockAt}::int, v.low_stock_at)
      where v.id = ${variantId} and ${onHand}::int >= coalesce((select held from held where variant_id = v.id), 0)
      returning v.stock, coalesce((select held from held where variant_id = v.id), 0)::int as held`;
    if (row) return row;
    const [h] = await tx<{ held: number }[]>`select coalesce((select held from (${heldSql(tx)}) x where variant_id = ${variantId}), 0)::int as held`;
    throw new AdminInputError(409, "below_held", `Orders hold ${h!.held} units of this variant: units on hand cannot be fewer`);
  });
}
