import { db, type Db, type Tx } from "../db";
import type { OrderRow } from "./types";

export interface OrderItemRow {
  position: number;
  product_id: number;
  variant_id: number;
  price_id: string | null;
  name: string;
  variant_name: string;
  sku: string;
  currency: string;
  unit_amount: number;
  quantity: number;
  recurring_interval: string | null;
  recurring_interval_count: number | null;
  customization: Record<string, unknown>;
  stripe_line_item_id: string | null;
}

export interface OrderWithItems extends OrderRow {
  items: OrderItemRow[];
}

export async function getOrder(id: string, conn: Db = db()): Promise<OrderRow | null> {
  const [row] = await conn<OrderRow[]>`select * from orders where id = ${id}`;
  return row ?? null;
}

export async function getOrderWithItems(id: string): Promise<OrderWithItems | null> {
  const [row] = await db()<(OrderRow & { items: OrderItemRow[] })[]>`
    select o.*, coalesce((select json_agg(i order by i.position) from (
      select position, product_id, variant_id, price_id, name, variant_name, sku, currency, unit_amount, quantity,
             recurring_interval, recurring_interval_count, customization, stripe_line_item_id
      from order_items where order_id = o.id) i), '[]'::json) as items
    from orders o where o.id = ${id}`;
  return row ?? null;
}

export async function listOrdersForUser(userId: string): Promise<OrderRow[]> {
  return db()<OrderRow[]>`select * from orders where user_id = ${userId} order by created_at desc limit 100`;
}

/** SQL for the sum of an order's items, to set `orders.amount_total` (plus shipping) in the same statement. */
export function itemsTotalSql(tx: Tx, orderId: string) {
  return tx`(select coalesce(sum(unit_amount * quantity), 0) from order_items where order_id = ${orderId})`;
}
