import type { Db } from "../db";
import { InsufficientStockError } from "./types";

export interface StockNeed {
  variantId: number;
  quantity: number;
}

/** A change of one variant's free stock: negative takes units, positive gives them back. */
export interface StockDelta {
  variantId: number;
  delta: number;
}

/** A variant that lacked units, with the free units it really had (read under its row lock). */
export interface StockShortage {
  variantId: number;
  available: number;
}

/** InsufficientStockError that also says how many units each short variant really had. */
export class StockShortageError extends InsufficientStockError {
  constructor(public readonly shortages: StockShortage[]) {
    super(shortages.map((s) => s.variantId));
  }
}

/** Sums quantities per variant (two lines of one variant compete for the same units). */
export function aggregateNeeds(lines: StockNeed[]): StockNeed[] {
  const byVariant = new Map<number, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant.entries()].sort((a, b) => a[0] - b[0]).map(([variantId, quantity]) => ({ variantId, quantity }));
}

/**
 * Locks the variants' rows in id order, then updates only rows already locked: every statement that
 * changes several variants goes through this pattern, so two transactions always wait for each
 * other in the same order and never deadlock. The statement names the ids to lock in a CTE `targets(id)`.
 * FOR NO KEY UPDATE is the lock the UPDATE itself takes: it does not conflict with the KEY SHARE
 * locks that inserting order_items (foreign key to variants) takes, as FOR UPDATE would
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-ROWS, table 13.3).
 * MATERIALIZED keeps the planner from folding the locking query into the UPDATE.
 */
const LOCK_IN_ID_ORDER = "locked as materialized (select v.id, v.stock from variants v where v.id in (select id from targets) order by v.id for no key update)";

/**
 * Applies every delta or none (one statement): when a take would leave a variant below zero nothing
 * changes and the shortages come back, with the units each variant really had. Not async: the
 * statement is sent when awaited, so a caller can pipeline it with the statements that follow.
 */
export function adjustStock(tx: Db, deltas: StockDelta[]): PromiseLike<StockShortage[]> {
  const byVariant = new Map<number, number>();
  for (const d of deltas) byVariant.set(d.variantId, (byVariant.get(d.variantId) ?? 0) + d.delta);
  const moves = [...byVariant].filter(([, d]) => d !== 0).sort((a, b) => a[0] - b[0]);
  if (moves.length === 0) return Promise.resolve([]);
  const ids = moves.map(([id]) => id);
  const amounts = moves.map(([, d]) => d);
  return tx<StockShortage[]>`
    with want as (
      select * from unnest(${ids}::bigint[], ${amounts}::int[]) as w(variant_id, delta)
    ), targets as (select variant_id as id from want),
    ${tx.unsafe(LOCK_IN_ID_ORDER)},
    short as (
      select l.id, l.stock from locked l join want w on w.variant_id = l.id where l.stock + w.delta < 0
    ), changed as (
      update variants v set stock = v.stock + w.delta
      from want w join locked l on l.id = w.variant_id
      where v.id = w.variant_id and not exists (select 1 from short)
      returning v.id
    )
    select id::int as "variantId", stock as available from short order by id`;
}

/**
 * Takes units (all or none). Returns the variant ids that lacked stock; when that list is not
 * empty nothing was taken.
 */
export async function takeStock(tx: Db, needs: StockNeed[]): Promise<number[]> {
  const short = await adjustStock(tx, needs.map((n) => ({ variantId: n.variantId, delta: -n.quantity })));
  return short.map((s) => s.variantId);
}

/** Free units of each variant now (for messages after a failed take). */
export async function stockLeft(conn: Db, variantIds: number[]): Promise<Map<number, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await conn<{ id: number; stock: number }[]>`select id, stock from variants where id = any(${variantIds}::bigint[])`;
  return new Map(rows.map((r) => [r.id, r.stock]));
}
