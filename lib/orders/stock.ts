import type { Db } from "../db";

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
