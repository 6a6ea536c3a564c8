import { fixedStatement, type Db } from "../db";
import type { CartLine, CartOwner, CartRow, LoadedCart } from "./types";

export const LINE_COLUMNS = `
  ci.price_id, ci.quantity, ci.position, ci.checkout_line_item_id,
  pr.currency, pr.unit_amount, pr.recurring_interval, pr.recurring_interval_count, pr.active as price_active,
  pr.created_at as price_created,
  v.id as variant_id, v.name as variant_name, v.sku, v.options, v.stock, v.max_per_order,
  v.active as variant_active, p.active as product_active,
  p.id as product_id, p.name as product_name, p.slug as product_slug, p.description as product_description,
  p.image as product_image, p.image_alt as product_image_alt, p.created_at as product_created, p.updated_at as product_updated`;

/** The owner's active cart with its lines (json, in position order); $1 is the user id or the guest cart's number. */
const cartWithLines = (mine: string) => `
  with c as (select c.* from carts c where c.status = 'active' and ${mine} limit 1)
  select c.*, (
    select json_agg(l order by l.position, l.price_id) from (
      select ${LINE_COLUMNS}
      from cart_items ci
      join prices pr on pr.id = ci.price_id
      join variants v on v.id = pr.variant_id
      join products p on p.id = v.product_id
      where ci.cart_id = c.id
    ) l
  ) as lines
  from c`;
type CartWithLinesRow = CartRow & { lines: CartLine[] | null };
const userCart = fixedStatement<CartWithLinesRow>(cartWithLines("c.user_id = $1"));
const guestCart = fixedStatement<CartWithLinesRow>(cartWithLines("c.number = $1 and c.user_id is null"));

/**
 * The owner's active cart and its lines in one round trip. lock: take the cart row FOR UPDATE first,
 * in its own statement: in READ COMMITTED a statement that waited for the lock still reads the other
 * tables (the lines) as of its start, so a lock taken in the same statement would return the lines
 * as they were before the transaction it waited for (lost updates under parallel adds).
 */
export async function loadCart(conn: Db, owner: CartOwner, opts: { lock?: boolean } = {}): Promise<LoadedCart | null> {
  if (!owner.userId && !owner.cartNumber) return null;
  if (opts.lock) {
    const mine = owner.userId ? conn`c.user_id = ${owner.userId}` : conn`c.number = ${owner.cartNumber} and c.user_id is null`;
    const [locked] = await conn`select c.id from carts c where c.status = 'active' and ${mine} limit 1 for update`;
    if (!locked) return null;
  }
  const rows = owner.userId ? await userCart(conn, [owner.userId]) : await guestCart(conn, [owner.cartNumber]);
  const row = rows[0];
  if (!row) return null;
  const { lines, ...cart } = row;
  return { cart, lines: (lines ?? []).map(reviveDates) };
}

export function reviveDates(l: CartLine): CartLine {
  return {
    ...l,
    price_created: new Date(l.price_created),
    product_created: new Date(l.product_created),
    product_updated: new Date(l.product_updated),
  };
}

export interface PriceRow {
  id: string;
  currency: string;
  unit_amount: number;
  recurring_interval: string | null;
  recurring_interval_count: number | null;
  variant_id: number;
  max_per_order: number | null;
  product_name: string;
  variant_name: string;
}

/** Active, sellable prices among ids (inactive prices, variants or products count as missing). */
export async function findSellablePrices(conn: Db, ids: string[]): Promise<Map<string, PriceRow>> {
  if (ids.length === 0) return new Map();
  const rows = await conn<PriceRow[]>`
    select pr.id, pr.currency, pr.unit_amount, pr.recurring_interval, pr.recurring_interval_count,
           v.id as variant_id, v.max_per_order, p.name as product_name, v.name as variant_name
    from prices pr join variants v on v.id = pr.variant_id join products p on p.id = v.product_id
    where pr.id = any(${ids}::text[]) and pr.active and v.active and p.active`;
  return new Map(rows.map((r) => [r.id, r]));
}
