import type { CartOwner } from "../cart/types";
import type { OrderRow } from "./types";

/** An order is visible to its signed-in owner, or to the browser whose guest cart made it. */
export function canViewOrder(order: Pick<OrderRow, "user_id" | "cart_number">, owner: CartOwner): boolean {
  if (order.user_id) return owner.userId === order.user_id;
  return owner.cartNumber !== null && order.cart_number === owner.cartNumber;
}
