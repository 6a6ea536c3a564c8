import { db, type Db } from "../db";
import { logError } from "../http/log";
import { closeUnpaidOrder, type CloseOutcome } from "../orders/close";
import { limits } from "./config";

export interface UnpaidCapScope {
  who: { userId: string | null; cartNumber: string | null };
  newestOrderId: string;
}

/**
 * The ids of the shopper's unpaid orders beyond the cap (newest kept), as SQL for one statement:
 * a checkout that binds its Stripe object sends it in that same statement (lib/checkout/stripe-objects.ts),
 * after its own order was committed, so it sees every order committed before it. null: no scope.
 */
export function unpaidBeyondCapQuery(sql: Db, { who, newestOrderId }: UnpaidCapScope) {
  const mine = who.userId ? sql`user_id = ${who.userId}` : who.cartNumber ? sql`cart_number = ${who.cartNumber} and user_id is null` : null;
  if (!mine) return null;
  const keepOthers = limits().maxUnpaidOrders - 1;
  return sql`
    select id from orders
    where ${mine} and status in ('pending', 'failed') and stock_held and not payment_processing and id <> ${newestOrderId}
    order by created_at desc, id desc
    offset ${keepOthers}`;
}

/**
 * At most `MAX_UNPAID_ORDERS` unpaid orders hold stock for one user (or, for a guest, one cart):
 * called once a checkout has its order, it closes the oldest others beyond the cap through the one
 * close-at-Stripe path (stock comes back only once Stripe can no longer take money). Running after
 * the new order is committed makes parallel checkouts converge: each closes all but the newest N.
 * An order whose payment is processing is being paid, not hoarded: it neither counts nor is closed.
 * A close whose answer from Stripe is unknown is left to the cron (close_requested_at).
 * `found`: the ids already selected by unpaidBeyondCapQuery in the checkout's bind statement.
 */
export async function closeUnpaidBeyondCap(
  who: { userId: string | null; cartNumber: string | null },
  newestOrderId: string,
  origin: string,
  found?: string[],
): Promise<{ orderId: string; outcome: CloseOutcome }[]> {
  const sql = db();
  const keepOthers = limits().maxUnpaidOrders - 1;
  let beyond: string[];
  if (found) {
    beyond = found;
  } else {
    const query = unpaidBeyondCapQuery(sql, { who, newestOrderId });
    if (!query) return [];
    try {
      beyond = (await query as unknown as { id: string }[]).map((r) => r.id);
    } catch (error) {
      // The shopper's checkout already succeeded; the cron's expiry still bounds what is held.
      logError("unpaid-order cap", error);
      return [];
    }
  }
  const closed: { orderId: string; outcome: CloseOutcome }[] = [];
  for (const id of beyond) {
    try {
      const outcome = await closeUnpaidOrder(id, `more than ${keepOthers + 1} unpaid orders for one shopper`, origin);
      if (outcome === "unknown") await sql`update orders set close_requested_at = coalesce(close_requested_at, now()) where id = ${id}`;
      closed.push({ orderId: id, outcome });
    } catch (error) {
      logError(`close order ${id} beyond the unpaid-order cap`, error);
    }
  }
  return closed;
}
