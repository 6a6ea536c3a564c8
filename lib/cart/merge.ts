import { transaction } from "../db";
import { loadCart } from "./queries";
import type { CartRow } from "./types";
import { MAX_LINE_QUANTITY } from "./view";

/**
 * Signing in folds the browser's guest cart into the shopper's cart: quantities add, capped by the
 * stock on hand; lines in another currency or billing interval than the shopper's cart are left out.
 * Without a shopper cart the guest cart simply becomes theirs.
 */
export async function mergeGuestCart(userId: string, guestNumber: string): Promise<void> {
  await transaction(async (tx) => {
    // Orders the browser placed as a guest become the shopper's, so their pages stay reachable.
    await tx`update orders set user_id = ${userId} where cart_number = ${guestNumber} and user_id is null`;
    const guest = await loadCart(tx, { cartNumber: guestNumber, userId: null }, { lock: true });
    if (!guest || guest.cart.checkout_session_id) return;
    const mine = await loadCart(tx, { cartNumber: null, userId }, { lock: true });
    if (!mine) {
      await tx`update carts set user_id = ${userId}, version = version + 1 where id = ${guest.cart.id}`;
      return;
    }
    if (mine.cart.checkout_session_id && mine.cart.checkout_ui_mode === "elements") return;
    const ref = mine.lines[0] ?? guest.lines[0];
    const recurringRef = [...mine.lines, ...guest.lines].find((l) => l.recurring_interval);
    const compatible = guest.lines.filter(
      (l) =>
        l.currency === ref?.currency &&
        (!l.recurring_interval ||
          (l.recurring_interval === recurringRef?.recurring_interval && l.recurring_interval_count === recurringRef?.recurring_interval_count)),
    );
    const have = new Map(mine.lines.map((l) => [l.price_id, l.quantity]));
    const ids = compatible.map((l) => l.price_id);
    const qtys = compatible.map((l) => Math.min(MAX_LINE_QUANTITY, Math.max((have.get(l.price_id) ?? 0), Math.min(l.stock, (have.get(l.price_id) ?? 0) + l.quantity))));
    if (ids.length > 0) {
      await tx`insert into cart_items (cart_id, price_id, quantity, position)
               select ${mine.cart.id}, t.price_id, t.quantity, 1000 + t.pos
               from unnest(${ids}::text[], ${qtys}::int[], ${ids.map((_, i) => i)}::int[]) as t(price_id, quantity, pos)
               where t.quantity > 0
               on conflict (cart_id, price_id) do update set quantity = excluded.quantity`;
    }
    await tx`update carts set version = version + 1 where id = ${mine.cart.id}`;
    await tx`update carts set status = 'merged', version = version + 1 where id = ${(guest.cart as CartRow).id}`;
  });
}
