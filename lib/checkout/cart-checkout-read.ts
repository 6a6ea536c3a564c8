import type { Db } from "../db";
import { LINE_COLUMNS, reviveDates } from "../cart/queries";
import type { CartLine, CartOwner, CartRow, LoadedCart } from "../cart/types";
import { rateDecision, rateHitCte, type RateCheck, type RateDecision, type RateHit } from "../limits/rate-limit";
import type { RateRow } from "./shipping";

/** Everything a cart checkout decides on before it makes the order, from one statement. */
export interface CartCheckoutRead {
  loaded: LoadedCart | null;
  /** Something in the cart ships (products.requires_shipping). */
  ships: boolean;
  /** Active shipping_rates priced in the cart's currency (its first line's), in the merchant's order. */
  rateRows: RateRow[];
  /** The checkout rate limit's verdict when a check was counted in the same statement. */
  rate: RateDecision;
}

type Row = CartRow & { lines: CartLine[] | null; ships: boolean | null; rate_rows: RateRow[] | null; hits: RateHit[] | null };

/**
 * One round trip: counts the checkout attempt (when `rate` is given), reads the owner's active cart
 * with its lines (as loadCart does), whether anything in it ships, and the shipping rates in its
 * currency (as planShipping and ratesInCurrency do). A refused attempt only wasted the reads.
 */
export async function readCartForCheckout(conn: Db, owner: CartOwner, rate: RateCheck | null): Promise<CartCheckoutRead> {
  const mine = owner.userId
    ? conn`c.user_id = ${owner.userId}`
    : owner.cartNumber
      ? conn`c.number = ${owner.cartNumber} and c.user_id is null`
      : conn`false`;
  const hit = rate ? rateHitCte(conn, rate) : null;
  const [row] = await conn<Row[]>`
    with ${hit ? conn`${hit},` : conn``}
    c as (select c.* from carts c where c.status = 'active' and ${mine} limit 1),
    l as (
      select ${conn.unsafe(LINE_COLUMNS)}
      from c
      join cart_items ci on ci.cart_id = c.id
      join prices pr on pr.id = ci.price_id
      join variants v on v.id = pr.variant_id
      join products p on p.id = v.product_id
    ),
    first_line as (select currency from l order by position, price_id limit 1)
    select c.*,
      (select json_agg(l order by l.position, l.price_id) from l) as lines,
      (select coalesce(bool_or(p.requires_shipping), false) from products p where p.id in (select product_id from l)) as ships,
      (select json_agg(r order by r.position, r.id) from (
         select id, name, amounts, countries, min_days, max_days, position from shipping_rates
         where active and amounts ? (select currency from first_line)) r) as rate_rows,
      ${hit ? conn`(select json_agg(h) from hit h)` : conn`null::json`} as hits
    from (select 1) as one left join c on true`;
  const { lines, ships, rate_rows, hits, ...cart } = row!;
  return {
    loaded: cart.id === null ? null : { cart, lines: (lines ?? []).map(reviveDates) },
    ships: ships === true,
    rateRows: rate_rows ?? [],
    rate: hits ? rateDecision(hits, rate!.limit) : { allowed: true },
  };
}
