import type { Db, Tx } from "../db";
import { itemsTotalSql } from "../orders/queries";
import { lockBoundCart } from "./bound-cart";

/** The cart and order lines of a bound cart at one version: what reconciliation can go back to. */
export interface CartSnapshot {
  version: number;
  cartItems: { price_id: string; quantity: number; position: number; checkout_line_item_id: string | null }[];
  orderItems: Record<string, unknown>[];
  shippingOption: string | null;
  amountShipping: number;
}

const ORDER_ITEM_COLUMNS = [
  "position", "product_id", "variant_id", "price_id", "name", "variant_name", "sku", "currency", "unit_amount",
  "quantity", "recurring_interval", "recurring_interval_count", "customization", "stripe_line_item_id",
] as const;

export async function takeSnapshot(conn: Db, cartId: string, orderId: string): Promise<CartSnapshot> {
  const [row] = await conn<{ version: number; cart_items: CartSnapshot["cartItems"] | null; order_items: Record<string, unknown>[] | null; shipping_option: string | null; amount_shipping: number }[]>`
    select c.version, o.shipping_option, o.amount_shipping,
      (select json_agg(json_build_object('price_id', price_id, 'quantity', quantity, 'position', position,
         'checkout_line_item_id', checkout_line_item_id)) from cart_items where cart_id = c.id) as cart_items,
      (select json_agg(to_jsonb(oi) - 'id' - 'order_id') from order_items oi where oi.order_id = ${orderId}) as order_items
    from carts c join orders o on o.id = ${orderId} where c.id = ${cartId}`;
  if (!row) throw new Error(`cart ${cartId} not found`);
  return {
    version: row.version,
    cartItems: row.cart_items ?? [],
    orderItems: row.order_items ?? [],
    shippingOption: row.shipping_option,
    amountShipping: row.amount_shipping,
  };
}

/**
 * Puts a bound cart back to a snapshot (compare-and-set on expectVersion), moving held stock by the
 * difference between the order's current items and the snapshot's. Returns false on a version conflict.
 */
export async function restoreSnapshot(tx: Tx, cartId: string, orderId: string, snap: CartSnapshot, expectVersion: number): Promise<boolean> {
  if ((await lockBoundCart(tx, cartId, orderId)) !== expectVersion) return false;
  // Variant rows locked in id order before any is changed (see lib/orders/stock.ts).
  await tx`
    with now_held as (select variant_id, sum(quantity)::int as q from order_items where order_id = ${orderId} group by variant_id),
    wanted as (
      select (e->>'variant_id')::bigint as variant_id, sum((e->>'quantity')::int)::int as q
      from jsonb_array_elements(${tx.json(snap.orderItems as never)}::jsonb) e group by 1
    ),
    delta as (
      select coalesce(n.variant_id, w.variant_id) as variant_id, coalesce(n.q, 0) - coalesce(w.q, 0) as give_back
      from now_held n full join wanted w on w.variant_id = n.variant_id
    ),
    locked as materialized (
      select v.id from variants v where v.id in (select variant_id from delta where give_back <> 0) order by v.id for no key update
    )
    update variants v set stock = v.stock + d.give_back
    from delta d join locked l on l.id = d.variant_id
    where v.id = d.variant_id and d.give_back <> 0`;
  await tx`delete from cart_items where cart_id = ${cartId}`;
  await tx`insert into cart_items (cart_id, price_id, quantity, position, checkout_line_item_id)
           select ${cartId}, price_id, quantity, position, checkout_line_item_id
           from jsonb_to_recordset(${tx.json(snap.cartItems as never)}::jsonb)
             as t(price_id text, quantity int, position int, checkout_line_item_id text)`;
  await tx`delete from order_items where order_id = ${orderId}`;
  await tx`insert into order_items (order_id, ${tx.unsafe(ORDER_ITEM_COLUMNS.join(", "))})
           select ${orderId}, ${tx.unsafe(ORDER_ITEM_COLUMNS.join(", "))}
           from jsonb_populate_recordset(null::order_items, ${tx.json(snap.orderItems as never)}::jsonb)`;
  await tx`update orders set shipping_option = ${snap.shippingOption ?? null}, amount_shipping = ${snap.amountShipping ?? 0},
             amount_total = ${snap.amountShipping ?? 0} + ${itemsTotalSql(tx, orderId)},
             cart_version = ${snap.version} where id = ${orderId}`;
  await tx`update carts set version = ${snap.version}, sync_state = 'in_sync', sync_snapshot = null where id = ${cartId}`;
  return true;
}
