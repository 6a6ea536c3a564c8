import { fixedStatement, type Db } from "../db";
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
const createGuestCartText = `
  with want as (
    select * from unnest($1::text[], $2::int[], $3::int[]) as t(price_id, quantity, position)
  ), sellable as (${SELLABLE_WANTED}),
  ok as (
    select (select count(*) from sellable) = (select count(distinct price_id) from want)
      and (select count(*) from want) between 1 and $5::int
      and not exists (select 1 from want where quantity > $6::int)
      and (select count(distinct currency) from sellable) <= 1
      and (select count(distinct (recurring_interval, coalesce(recurring_interval_count, -1))) from sellable where recurring_interval is not null) <= 1
      and not exists (
        select 1 from want w join sellable s on s.id = w.price_id
        group by s.variant_id having min(s.max_per_order) is not null and sum(w.quantity) > min(s.max_per_order)) as passes
  ), cas as (
    insert into carts (number, user_id, metadata, version)
    select $4::text, null, '{}'::jsonb, 2 from ok where ok.passes
    on conflict do nothing
    returning *
  ), upserted as (
    insert into cart_items (cart_id, price_id, quantity, position)
    select cas.id, w.price_id, w.quantity, w.position from cas, want w
    returning *
  )
  select cas.*, ${LINES_OF_UPSERTED} as lines, (select json_agg(s) from sellable s) as sellable
  from (select 1) as one left join cas on true`;
const createGuestCartStatement = fixedStatement<Row & { sellable: PriceRow[] | null }>(createGuestCartText);

export async function createGuestCartIfSellable(
  conn: Db,
  number: string,
  quantities: Map<string, number>,
  limits: { maxLines: number; maxLineQuantity: number },
): Promise<{ prices: Map<string, PriceRow>; written: LoadedCart | null }> {
  const { ids, qtys, positions } = lineArrays(quantities);
  const [row] = await createGuestCartStatement(conn, [ids, qtys, positions, number, limits.maxLines, limits.maxLineQuantity]);
  const { sellable, ...cart } = row!;
  return {
    prices: new Map((sellable ?? []).map((p) => [p.id, p])),
    written: cart.id === null ? null : toLoaded(cart),
  };
}

/** addInOneStatement's text; $1 the user id or the guest cart's number, $2 price ids, $3 units, $4 max lines, $5 max units per line. */
const addText = (mine: string) => `
  with items as (
    select * from unnest($2::text[], $3::int[]) with ordinality as t(price_id, quantity, n)
  ), c as (select c.* from carts c where c.status = 'active' and ${mine} limit 1),
  cur as (
    select ci.price_id, ci.quantity, (row_number() over (order by ci.position, ci.price_id) - 1)::int as position
    from c join cart_items ci on ci.cart_id = c.id
  ), nxt as (
    select cur.price_id, cur.quantity + coalesce(i.quantity, 0) as quantity, cur.position
    from cur left join items i on i.price_id = cur.price_id
    union all
    select i.price_id, i.quantity, ((select count(*) from cur) + row_number() over (order by i.n) - 1)::int
    from items i where not exists (select 1 from cur where cur.price_id = i.price_id)
  ), px as (
    select pr.id, pr.currency, pr.recurring_interval, pr.recurring_interval_count, v.id as variant_id, v.max_per_order
    from prices pr join variants v on v.id = pr.variant_id where pr.id in (select price_id from nxt)
  ), sellable as (
    select pr.id, pr.currency, pr.unit_amount, pr.recurring_interval, pr.recurring_interval_count,
           v.id as variant_id, v.max_per_order, p.name as product_name, v.name as variant_name
    from prices pr join variants v on v.id = pr.variant_id join products p on p.id = v.product_id
    where pr.id in (select price_id from items) and pr.active and v.active and p.active
  ), bound as (select ${BOUND} as bound from c),
  ok as (
    select exists (select 1 from c)
      and (select count(*) from sellable) = (select count(*) from items)
      and not coalesce((select bound from bound), false)
      and (select count(*) from nxt) <= $4::int
      and not exists (select 1 from nxt where quantity > $5::int)
      and (select count(distinct currency) from px) <= 1
      and (select count(distinct (recurring_interval, coalesce(recurring_interval_count, -1))) from px where recurring_interval is not null) <= 1
      and not exists (
        select 1 from nxt join px on px.id = nxt.price_id
        where px.variant_id in (select s.variant_id from sellable s)
        group by px.variant_id having min(px.max_per_order) is not null and sum(nxt.quantity) > min(px.max_per_order)) as passes
  ), cas as (
    update carts c2 set version = c2.version + 1
    from c, ok
    where ok.passes and c2.id = c.id and c2.version = c.version and c2.status = 'active'
      and not exists (
        select 1 from orders o
        where o.id = c2.order_id and c2.checkout_session_id is not null and c2.checkout_ui_mode = 'elements'
          and o.status in ('pending', 'failed') and o.expires_at > now())
    returning c2.*
  ), upserted as (
    insert into cart_items (cart_id, price_id, quantity, position)
    select cas.id, nxt.price_id, nxt.quantity, nxt.position from cas, nxt
    on conflict (cart_id, price_id) do update set quantity = excluded.quantity, position = excluded.position
    returning *
  )
  select cas.*, ${LINES_OF_UPSERTED} as lines, (select passes from ok) as passes,
    case when (select passes from ok) then null else (select json_agg(s) from sellable s) end as sellable,
    (select bound from bound) as bound,
    case when (select passes from ok) then null else (select row_to_json(c) from c) end as read_cart,
    case when (select passes from ok) then null else (
      select json_agg(l order by l.position, l.price_id) from (
        select ${LINE_COLUMNS}
        from c join cart_items ci on ci.cart_id = c.id
        join prices pr on pr.id = ci.price_id
        join variants v on v.id = pr.variant_id
        join products p on p.id = v.product_id) l) end as read_lines
  from (select 1) as one left join cas on true`;
type AddRow = Row & { passes: boolean; sellable: PriceRow[] | null; bound: boolean | null; read_lines: CartLine[] | null; read_cart: CartRow | null };
const addToUserCart = fixedStatement<AddRow>(addText("c.user_id = $1"));
const addToGuestCart = fixedStatement<AddRow>(addText("c.number = $1 and c.user_id is null"));

export async function addInOneStatement(
  conn: Db,
  owner: CartOwner,
  items: Map<string, number>,
  limits: { maxLines: number; maxLineQuantity: number },
): Promise<{ written: LoadedCart | null; state: WriteState | null }> {
  if (!owner.userId && !owner.cartNumber) return { written: null, state: { loaded: null, prices: new Map(), bound: false } };
  const params = [[...items.keys()], [...items.values()], limits.maxLines, limits.maxLineQuantity];
  const [row] = owner.userId ? await addToUserCart(conn, [owner.userId, ...params]) : await addToGuestCart(conn, [owner.cartNumber, ...params]);
  const { passes, sellable, bound, read_cart, read_lines, ...cart } = row!;
  if (cart.id !== null) return { written: toLoaded(cart), state: null };
  if (passes) return { written: null, state: null };
  return {
    written: null,
    state: {
      loaded: read_cart ? { cart: read_cart, lines: (read_lines ?? []).map(reviveDates) } : null,
      prices: new Map((sellable ?? []).map((p) => [p.id, p])),
      bound: bound === true,
    },
  };
}
