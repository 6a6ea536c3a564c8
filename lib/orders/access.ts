import { z } from "zod";
import type { CartOwner } from "../cart/types";
import { getOrderWithItems, type OrderWithItems } from "./queries";
import type { OrderRow } from "./types";

/** An order is visible to its signed-in owner, or to the browser whose guest cart made it. */
export function canViewOrder(order: Pick<OrderRow, "user_id" | "cart_number">, owner: CartOwner): boolean {
  if (order.user_id) return owner.userId === order.user_id;
  return owner.cartNumber !== null && order.cart_number === owner.cartNumber;
}

const orderId = z.string().uuid();

/** The order behind an id from a URL, when this owner may see it; null for bad ids and strangers alike. */
export async function findVisibleOrder(rawId: string, owner: Promise<CartOwner>): Promise<OrderWithItems | null> {
  const id = orderId.safeParse(rawId);
  if (!id.success) return null;
  const [order, who] = await Promise.all([getOrderWithItems(id.data), owner]);
  return order && canViewOrder(order, who) ? order : null;
}
