import type { Db, Tx } from "../db";

export interface StockNeed {
  variantId: number;
  quantity: number;
}

/** Sums quantities per variant (two lines of one variant compete for the same units). */
export function aggregateNeeds(lines: StockNeed[]): StockNeed[] {
  const byVariant = new Map<number, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant.entries()].sort((a, b) => a[0] - b[0]).map(([variantId, quantity]) => ({ variantId, quantity }));
}

/**
 * Takes units with one conditional update (rows locked in id order, so concurrent checkouts of
 * overlapping carts cannot deadlock). Returns the variant ids that lacked stock; when that list
 * is not empty nothing may be kept: the caller must roll its transaction back.
 */
export async function takeStock(tx: Db, needs: StockNeed[]): Promise<number[]> {
  if (needs.length === 0) return [];
  const ids = needs.map((n) => n.variantId);
  const qtys = needs.map((n) => n.quantity);
  const taken = await tx<{ id: number }[]>`
    with want as (
      select * from unnest(${ids}::bigint[], ${qtys}::int[]) as w(variant_id, qty)
    ), locked as (
      select v.id from variants v where v.id = any(${ids}::bigint[]) order by v.id for update
    )
    update variants v set stock = v.stock - want.qty
    from want
    where v.id = want.variant_id and v.id in (select id from locked) and v.stock >= want.qty
    returning v.id`;
  const ok = new Set(taken.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

/** Gives an order's units back once (stock_held flips in the same statement). */
export async function releaseOrderStock(tx: Db, orderId: string): Promise<boolean> {
  const rows = await tx<{ id: string }[]>`
    with flipped as (
      update orders set stock_held = false where id = ${orderId} and stock_held returning id
    ), units as (
      select oi.variant_id, sum(oi.quantity)::int as qty
      from order_items oi where oi.order_id in (select id from flipped) group by oi.variant_id
    ), restocked as (
      update variants v set stock = v.stock + units.qty from units where v.id = units.variant_id returning v.id
    )
    select id from flipped`;
  return rows.length > 0;
}

/** Takes an order's units again (a payment that arrived after the order was canceled); all or none. */
export async function retakeOrderStock(tx: Tx, orderId: string): Promise<boolean> {
  const needs = await tx<StockNeed[]>`
    select variant_id::int as "variantId", sum(quantity)::int as quantity from order_items
    where order_id = ${orderId} group by variant_id order by variant_id`;
  try {
    await tx.savepoint(async (sp) => {
      const short = await takeStock(sp, needs);
      if (short.length > 0) throw new ShortStock();
      await sp`update orders set stock_held = true where id = ${orderId}`;
    });
    return true;
  } catch (error) {
    if (error instanceof ShortStock) return false;
    throw error;
  }
}

class ShortStock extends Error {}
