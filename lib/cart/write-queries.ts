import type { Db } from "../db";
import { LINE_COLUMNS, reviveDates, type PriceRow } from "./queries";
import type { CartLine, CartOwner, CartRow, LoadedCart } from "./types";

/**
 * The two statements of a cart write: read everything the edit is judged on, then write with a
 * compare-and-set on the cart's version and read the result back from the write itself. Both are
 * single statements (atomic on their own), so a write costs two round trips and holds no lock
 * between them; a lost compare-and-set writes nothing and the caller starts over. They run outside
 * transaction(), so behind a transaction pooler the role's own statement_timeout applies to them
 * (lib/db.ts sets ours per transaction there).
 */

export interface WriteState {
  loaded: LoadedCart | null;
  /** Sellable prices among the ids asked for. */
  prices: Map<string, PriceRow>;
  /** The cart is bound to an open editable Checkout Session (only syncCheckoutCart may change it). */
  bound: boolean;
}

/** An open editable checkout holds the cart (same rule as mutations.ts assertNotBound). */
const BOUND = `exists (
  select 1 from orders o
  where o.id = c.order_id and c.checkout_session_id is not null and c.checkout_ui_mode = 'elements'
    and o.status in ('pending', 'failed') and o.expires_at > now())`;

type Row = CartRow & { lines: CartLine[] | null };

function toLoaded({ lines, ...cart }: Row): LoadedCart {
  return { cart, lines: (lines ?? []).map(reviveDates) };
}

/** Round trip 1: the owner's active cart with its lines, the sellable prices among priceIds, and whether it is bound. */
export async function readForWrite(conn: Db, owner: CartOwner, priceIds: string[]): Promise<WriteState> {
  const mine = owner.userId
    ? conn`c.user_id = ${owner.userId}`
    : owner.cartNumber
      ? conn`c.number = ${owner.cartNumber} and c.user_id is null`
      : conn`false`;
  const [row] = await conn<(Row & { sellable: PriceRow[] | null; bound: boolean | null })[]>`
    with c as (select c.* from carts c where c.status = 'active' and ${mine} limit 1)
    select c.*,
      (select json_agg(l order by l.position, l.price_id) from (
         select ${conn.unsafe(LINE_COLUMNS)}
         from cart_items ci
         join prices pr on pr.id = ci.price_id
         join variants v on v.id = pr.variant_id
         join products p on p.id = v.product_id
         where ci.cart_id = c.id) l) as lines,
      (select json_agg(s) from (
         select pr.id, pr.currency, pr.unit_amount, pr.recurring_interval, pr.recurring_interval_count,
                v.id as variant_id, v.max_per_order, p.name as product_name, v.name as variant_name
         from prices pr join variants v on v.id = pr.variant_id join products p on p.id = v.product_id
         where pr.id = any(${priceIds}::text[]) and pr.active and v.active and p.active) s) as sellable,
      ${conn.unsafe(BOUND)} as bound
    from (select 1) as one left join c on true`;
  const { sellable, bound, ...cart } = row!;
  return {
    loaded: cart.id === null ? null : toLoaded(cart),
    prices: new Map((sellable ?? []).map((p) => [p.id, p])),
    bound: bound === true,
  };
}

/** The final lines (every one of them is in `upserted`) joined with the catalog, as loadCart returns them. */
const LINES_OF_UPSERTED = `(
  select json_agg(l order by l.position, l.price_id) from (
    select ${LINE_COLUMNS}
    from upserted ci
    join prices pr on pr.id = ci.price_id
    join variants v on v.id = pr.variant_id
    join products p on p.id = v.product_id) l)`;

function lineArrays(quantities: Map<string, number>) {
  const ids = [...quantities.keys()];
  return { ids, qtys: [...quantities.values()], positions: ids.map((_, i) => i) };
}

/**
 * Round trip 2 for an existing cart: only if its version is still `cart.version` (and it is still
 * active and not bound), set its lines to exactly `quantities` (insertion order), bump the version,
 * and return the cart as written. null: someone else wrote first; nothing was changed.
 */
export async function compareAndWrite(conn: Db, cart: CartRow, quantities: Map<string, number>, metadata?: Record<string, string>): Promise<LoadedCart | null> {
  const { ids, qtys, positions } = lineArrays(quantities);
  const [row] = await conn<Row[]>`
    with cas as (
      update carts c set version = c.version + 1, metadata = coalesce(${metadata ? JSON.stringify(metadata) : null}::text::jsonb, c.metadata)
      where c.id = ${cart.id} and c.version = ${cart.version} and c.status = 'active' and not ${conn.unsafe(BOUND)}
      returning c.*
    ), removed as (
      delete from cart_items ci using cas where ci.cart_id = cas.id and not (ci.price_id = any(${ids}::text[]))
    ), upserted as (
      insert into cart_items (cart_id, price_id, quantity, position)
      select cas.id, t.price_id, t.quantity, t.position
      from cas, unnest(${ids}::text[], ${qtys}::int[], ${positions}::int[]) as t(price_id, quantity, position)
      on conflict (cart_id, price_id) do update set quantity = excluded.quantity, position = excluded.position
      returning *
    )
    select cas.*, ${conn.unsafe(LINES_OF_UPSERTED)} as lines from cas`;
  return row ? toLoaded(row) : null;
}

/**
 * Round trip 2 when the owner has no active cart: create it with its lines (version 2, as creating
 * then writing did). null: a parallel request created the user's active cart first.
 */
export async function createWithLines(conn: Db, owner: CartOwner, number: string, quantities: Map<string, number>, metadata?: Record<string, string>): Promise<LoadedCart | null> {
  const { ids, qtys, positions } = lineArrays(quantities);
  const [row] = await conn<Row[]>`
    with cas as (
      insert into carts (number, user_id, metadata, version)
      values (${number}, ${owner.userId}, coalesce(${metadata ? JSON.stringify(metadata) : null}::text::jsonb, '{}'::jsonb), 2)
      on conflict do nothing
      returning *
    ), upserted as (
      insert into cart_items (cart_id, price_id, quantity, position)
      select cas.id, t.price_id, t.quantity, t.position
      from cas, unnest(${ids}::text[], ${qtys}::int[], ${positions}::int[]) as t(price_id, quantity, position)
      returning *
    )
    select cas.*, ${conn.unsafe(LINES_OF_UPSERTED)} as lines from cas`;
  return row ? toLoaded(row) : null;
}

/** The sellable prices among the lines of the CTE `want` (as findSellablePrices reads them). */
const SELLABLE_WANTED = `
  select pr.id, pr.currency, pr.unit_amount, pr.recurring_interval, pr.recurring_interval_count,
         v.id as variant_id, v.max_per_order, p.name as product_name, v.name as variant_name
  from prices pr join variants v on v.id = pr.variant_id join products p on p.id = v.product_id
  where pr.id in (select price_id from want) and pr.active and v.active and p.active`;

/**
 * One round trip for a guest's first write (no cart cookie, so no cart to read): read the sellable
 * prices among the lines' ids and, in the same statement, create the cart with exactly `quantities`
 * (version 2, as createWithLines) only when the lines pass rules at least as strict as the ones a
 * write is judged on (mutations.ts): every price sellable, at most MAX_LINES lines of at most
 * MAX_LINE_QUANTITY units, one currency, one billing interval, no variant above its max_per_order.
 * Otherwise nothing is written and the caller judges the prices itself (an error, or the usual
 * create). Returns the prices and, when written, the cart.
 */
export async function createGuestCartIfSellable(
  conn: Db,
  number: string,
  quantities: Map<string, number>,
  limits: { maxLines: number; maxLineQuantity: number },
): Promise<{ prices: Map<string, PriceRow>; written: LoadedCart | null }> {
  const { ids, qtys, positions } = lineArrays(quantities);
  const [row] = await conn<(Row & { sellable: PriceRow[] | null })[]>`
    with want as (
      select * from unnest(${ids}::text[], ${qtys}::int[], ${positions}::int[]) as t(price_id, quantity, position)
    ), sellable as (${conn.unsafe(SELLABLE_WANTED)}),
    ok as (
      select (select count(*) from sellable) = (select count(distinct price_id) from want)
        and (select count(*) from want) between 1 and ${limits.maxLines}
        and not exists (select 1 from want where quantity > ${limits.maxLineQuantity})
        and (select count(distinct currency) from sellable) <= 1
        and (select count(distinct (recurring_interval, coalesce(recurring_interval_count, -1))) from sellable where recurring_interval is not null) <= 1
        and not exists (
          select 1 from want w join sellable s on s.id = w.price_id
          group by s.variant_id having min(s.max_per_order) is not null and sum(w.quantity) > min(s.max_per_order)) as passes
    ), cas as (
      insert into carts (number, user_id, metadata, version)
      select ${number}, null, '{}'::jsonb, 2 from ok where ok.passes
      on conflict do nothing
      returning *
    ), upserted as (
      insert into cart_items (cart_id, price_id, quantity, position)
      select cas.id, w.price_id, w.quantity, w.position from cas, want w
      returning *
    )
    select cas.*, ${conn.unsafe(LINES_OF_UPSERTED)} as lines, (select json_agg(s) from sellable s) as sellable
    from (select 1) as one left join cas on true`;
  const { sellable, ...cart } = row!;
  return {
    prices: new Map((sellable ?? []).map((p) => [p.id, p])),
    written: cart.id === null ? null : toLoaded(cart),
  };
}
