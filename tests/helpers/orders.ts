import { db } from "@/lib/db";
import type { OrderRow } from "@/lib/orders/types";

export async function orderById(id: string): Promise<OrderRow> {
  const [o] = await db()<OrderRow[]>`select * from orders where id = ${id}`;
  if (!o) throw new Error(`no order ${id}`);
  return o;
}

export async function ordersOfCart(number: string): Promise<OrderRow[]> {
  return db()<OrderRow[]>`select * from orders where cart_number = ${number} order by created_at`;
}

export async function orderEvents(id: string): Promise<{ type: string; from_status: string | null; to_status: string | null }[]> {
  return db()`select type, from_status, to_status from order_events where order_id = ${id} order by id`;
}
