import type { Db, Tx } from "../db";
import { adjustStock, StockShortageError } from "../orders/stock";
import type { CartOwner } from "../cart/types";
import { itemsTotalSql } from "../orders/queries";

/** A cart bound to a Checkout Session, with the order that holds its stock. */
export interface BoundCart {
  cartId: string;
  cartNumber: string;
  userId: string | null;
  version: number;
  syncState: "in_sync" | "reconciliation_required";
  orderId: string;
  orderStatus: string;
  expiresAt: Date;
  currency: string;
  shippingOption: string | null;
  amountShipping: number;
  /** orders.shipping_countries / shipping_rates: null / [] when nothing in the order ships. */
  shippingCountries: string[] | null;
  shippingRates: unknown;
  lines: BoundLine[];
}

export interface BoundLine {
  priceId: string;
  lineItemId: string | null;
  quantity: number;
  unitAmount: number;
  variantId: number;
  name: string;
  variantName: string;
  stock: number;
  /** Price, variant and product all still active (the merchant may switch one off mid-checkout). */
  sellable: boolean;
  maxPerOrder: number | null;
}

/** Reads the cart bound to a session; owner null = any owner (reconciliation jobs). */
export async function readBoundCart(conn: Db, sessionId: string, owner: CartOwner | null, lock = false): Promise<BoundCart | null> {
  const ownerFilter = owner === null
    ? conn``
    : owner.userId
      ? conn`and c.user_id = ${owner.userId}`
      : owner.cartNumber
        ? conn`and c.number = ${owner.cartNumber} and c.user_id is null`
        : conn`and false`;
  const [row] = await conn<(Omit<BoundCart, "lines" | "expiresAt"> & { expiresAt: string; lines: BoundLine[] | null })[]>`
    select c.id as "cartId", c.number as "cartNumber", c.user_id as "userId", c.version, c.sync_state as "syncState",
           o.id as "orderId", o.status as "orderStatus", o.expires_at as "expiresAt", o.currency,
           o.shipping_option as "shippingOption", o.amount_shipping as "amountShipping",
           o.shipping_countries as "shippingCountries", o.shipping_rates as "shippingRates",
           (select json_agg(json_build_object(
              'priceId', ci.price_id, 'lineItemId', ci.checkout_line_item_id, 'quantity', ci.quantity,
              'unitAmount', coalesce(oi.unit_amount, pr.unit_amount), 'variantId', v.id, 'name', p.name, 'variantName', v.name, 'stock', v.stock,
              'sellable', pr.active and v.active and p.active, 'maxPerOrder', v.max_per_order
            ) order by ci.position, ci.price_id)
            from cart_items ci join prices pr on pr.id = ci.price_id join variants v on v.id = pr.variant_id
            join products p on p.id = v.product_id
            left join order_items oi on oi.order_id = o.id and oi.price_id = ci.price_id
            where ci.cart_id = c.id) as lines
    from carts c join orders o on o.id = c.order_id
    where c.checkout_session_id = ${sessionId} ${ownerFilter}
    ${lock ? conn`for update of c` : conn``}`;
  if (!row) return null;
  return { ...row, expiresAt: new Date(row.expiresAt), lines: row.lines ?? [] };
}

export type Quantities = Map<string, number>;

export function quantitiesOf(cart: BoundCart): Quantities {
  return new Map(cart.lines.map((l) => [l.priceId, l.quantity]));
}

export function totalOf(cart: BoundCart, q: Quantities, amountShipping = cart.amountShipping): number {
  return cart.lines.reduce((sum, l) => sum + l.unitAmount * (q.get(l.priceId) ?? 0), 0) + amountShipping;
}

/**
 * Sets a bound cart's lines to `target` (quantities by price id; absent = removed), moving the
 * order's held stock by the difference, and rewrites the order's items and total. Compare-and-set
 * on the cart version: returns false when someone else changed the cart first.
 */
export async function writeBoundQuantities(
  tx: Tx,
  cart: BoundCart,
  target: Quantities,
  opts: { expectVersion: number; newVersion: number },
): Promise<boolean> {
  if ((await lockBoundCart(tx, cart.cartId, cart.orderId)) !== opts.expectVersion) return false;
  // A rollback puts the version number back, so an equal version alone does not prove the lines
  // are the ones read (A-B-A): compare them too, or stock would move by a stale difference.
  const now = await tx<{ price_id: string; quantity: number }[]>`select price_id, quantity from cart_items where cart_id = ${cart.cartId}`;
  const read = quantitiesOf(cart);
  if (now.length !== read.size || now.some((r) => read.get(r.price_id) !== r.quantity)) return false;

  const oldByVariant = new Map<number, number>();
  const newByVariant = new Map<number, number>();
  for (const l of cart.lines) {
    oldByVariant.set(l.variantId, (oldByVariant.get(l.variantId) ?? 0) + l.quantity);
    newByVariant.set(l.variantId, (newByVariant.get(l.variantId) ?? 0) + (target.get(l.priceId) ?? 0));
  }
  // Units taken and given back in one statement, rows locked in id order (no deadlock with other carts).
  const deltas = [...newByVariant].map(([v, q]) => ({ variantId: v, delta: (oldByVariant.get(v) ?? 0) - q }));
  const short = await adjustStock(tx, deltas);
  if (short.length > 0) throw new StockShortageError(short);

  const kept = cart.lines.filter((l) => (target.get(l.priceId) ?? 0) > 0);
  const ids = kept.map((l) => l.priceId);
  const qtys = kept.map((l) => target.get(l.priceId)!);
  await tx`delete from cart_items where cart_id = ${cart.cartId} and not (price_id = any(${ids}::text[]))`;
  await tx`delete from order_items where order_id = ${cart.orderId} and not (price_id = any(${ids}::text[]))`;
  if (ids.length > 0) {
    await tx`update cart_items ci set quantity = t.qty from unnest(${ids}::text[], ${qtys}::int[]) as t(pid, qty)
             where ci.cart_id = ${cart.cartId} and ci.price_id = t.pid`;
    await tx`update order_items oi set quantity = t.qty from unnest(${ids}::text[], ${qtys}::int[]) as t(pid, qty)
             where oi.order_id = ${cart.orderId} and oi.price_id = t.pid`;
  }
  await tx`update orders set amount_total = amount_shipping + ${itemsTotalSql(tx, cart.orderId)},
             cart_version = ${opts.newVersion}
           where id = ${cart.orderId}`;
  await tx`update carts set version = ${opts.newVersion} where id = ${cart.cartId}`;
  return true;
}

/**
 * Sets the order's shipping choice and total (compare-and-set on the cart version like the lines);
 * with `setRate` false only the version moves (an address for an order without rates).
 */
export async function writeBoundShipping(
  tx: Tx,
  cart: BoundCart,
  option: { id: string; amount: number },
  opts: { expectVersion: number; newVersion: number },
  setRate = true,
): Promise<boolean> {
  if ((await lockBoundCart(tx, cart.cartId, cart.orderId)) !== opts.expectVersion) return false;
  if (!setRate) {
    await tx`update orders set cart_version = ${opts.newVersion} where id = ${cart.orderId}`;
    await tx`update carts set version = ${opts.newVersion} where id = ${cart.cartId}`;
    return true;
  }
  await tx`update orders set shipping_option = ${option.id}, amount_shipping = ${option.amount},
             amount_total = ${option.amount} + ${itemsTotalSql(tx, cart.orderId)},
             cart_version = ${opts.newVersion}
           where id = ${cart.orderId}`;
  await tx`update carts set version = ${opts.newVersion} where id = ${cart.cartId}`;
  return true;
}

/**
 * Locks a bound cart's order, then the cart, and returns the cart's version; null when the order no
 * longer holds its stock (a webhook canceled it since the cart was read: moving its units now would
 * create or destroy stock). Order before cart before variants: the same order as a payment webhook
 * (order, then its stock or its cart), so an edit and a webhook wait for each other, never deadlock.
 */
export async function lockBoundCart(tx: Tx, cartId: string, orderId: string): Promise<number | null> {
  const [order] = await tx`select 1 from orders where id = ${orderId} and stock_held and status in ('pending', 'failed') for update`;
  if (!order) return null;
  const [locked] = await tx<{ version: number }[]>`select version from carts where id = ${cartId} and order_id = ${orderId} for update`;
  return locked?.version ?? null;
}
