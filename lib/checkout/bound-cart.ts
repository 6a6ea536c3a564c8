import type { Db, Tx } from "../db";
import { InsufficientStockError } from "../orders/types";
import { takeStock } from "../orders/stock";
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
              'unitAmount', coalesce(oi.unit_amount, pr.unit_amount), 'variantId', v.id, 'name', p.name, 'variantName', v.name, 'stock', v.stock
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
  const [locked] = await tx<{ version: number }[]>`select version from carts where id = ${cart.cartId} for update`;
  if (!locked || locked.version !== opts.expectVersion) return false;

  const oldByVariant = new Map<number, number>();
  const newByVariant = new Map<number, number>();
  for (const l of cart.lines) {
    oldByVariant.set(l.variantId, (oldByVariant.get(l.variantId) ?? 0) + l.quantity);
    newByVariant.set(l.variantId, (newByVariant.get(l.variantId) ?? 0) + (target.get(l.priceId) ?? 0));
  }
  const more = [...newByVariant].filter(([v, q]) => q > (oldByVariant.get(v) ?? 0)).map(([v, q]) => ({ variantId: v, quantity: q - (oldByVariant.get(v) ?? 0) }));
  const less = [...newByVariant].filter(([v, q]) => q < (oldByVariant.get(v) ?? 0)).map(([v, q]) => ({ variantId: v, quantity: (oldByVariant.get(v) ?? 0) - q }));
  const short = await takeStock(tx, more.sort((a, b) => a.variantId - b.variantId));
  if (short.length > 0) throw new InsufficientStockError(short);
  if (less.length > 0) {
    await tx`update variants v set stock = v.stock + t.qty
             from unnest(${less.map((l) => l.variantId)}::bigint[], ${less.map((l) => l.quantity)}::int[]) as t(id, qty)
             where v.id = t.id`;
  }

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
  const [locked] = await tx<{ version: number }[]>`select version from carts where id = ${cart.cartId} for update`;
  if (!locked || locked.version !== opts.expectVersion) return false;
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
