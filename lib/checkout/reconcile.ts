import { db, transaction } from "../db";
import { closeUnpaidOrder } from "../orders/close";
import { recordOrderEvent } from "../orders/events";
import { restoreSnapshot, takeSnapshot, type CartSnapshot } from "./snapshot";
import { readSessionState, sameAsStripe, type SessionState } from "./stripe-state";

export type ReconcileOutcome = "in_sync" | "kept" | "restored" | "session_closed" | "canceled";

interface NeedsRepair {
  id: string;
  order_id: string;
  checkout_session_id: string;
  sync_snapshot: CartSnapshot | null;
}

function sameState(stripeState: SessionState, ours: Pick<CartSnapshot, "cartItems" | "amountShipping">): boolean {
  const lines = ours.cartItems.map((i) => ({ lineItemId: i.checkout_line_item_id, quantity: i.quantity }));
  return sameAsStripe(stripeState, lines, ours.amountShipping ?? 0);
}

/**
 * Repairs a cart marked reconciliation_required: compares it with the session's line items at
 * Stripe and goes back to the last state both accepted; when neither side's state fits, the session
 * is expired and the order canceled with its stock released. Every repair lands in order_events.
 */
export async function reconcileCart(cartId: string): Promise<ReconcileOutcome> {
  const [cart] = await db()<NeedsRepair[]>`
    select id, order_id, checkout_session_id, sync_snapshot from carts
    where id = ${cartId} and sync_state = 'reconciliation_required'`;
  if (!cart) return "in_sync";
  const event = (type: string, detail: Record<string, unknown>) =>
    transaction((tx) => recordOrderEvent(tx, { orderId: cart.order_id, type, detail }));

  const stripeSide = await readSessionState(cart.checkout_session_id);
  if (stripeSide.status !== "open") {
    // Stripe's webhooks settle a completed (flagged for review) or expired session.
    await db()`update carts set sync_state = 'in_sync', sync_snapshot = null where id = ${cart.id}`;
    await event("reconciled", { outcome: "session_closed", session_status: stripeSide.status });
    return "session_closed";
  }
  const current = await takeSnapshot(db(), cart.id, cart.order_id);
  if (sameState(stripeSide, current)) {
    await db()`update carts set sync_state = 'in_sync', sync_snapshot = null where id = ${cart.id} and version = ${current.version}`;
    await event("reconciled", { outcome: "kept", version: current.version });
    return "kept";
  }
  if (cart.sync_snapshot && sameState(stripeSide, cart.sync_snapshot)) {
    const snapshot = cart.sync_snapshot;
    const ok = await transaction(async (tx) => {
      const restored = await restoreSnapshot(tx, cart.id, cart.order_id, snapshot, current.version);
      if (restored) await recordOrderEvent(tx, { orderId: cart.order_id, type: "reconciled", detail: { outcome: "restored", version: snapshot.version } });
      return restored;
    });
    if (ok) return "restored";
  }
  // Neither state fits: close the order through the one close path; the cart stays marked until
  // Stripe can no longer take money for it.
  const closed = await closeUnpaidOrder(cart.order_id, "cart and checkout session could not be reconciled");
  if (closed === "unknown") throw new Error(`checkout session ${cart.checkout_session_id} could not be closed yet`);
  await transaction(async (tx) => {
    await tx`update carts set sync_state = 'in_sync', sync_snapshot = null, checkout_session_id = null, order_id = null,
               checkout_ui_mode = null, version = version + 1 where id = ${cart.id} and order_id = ${cart.order_id}`;
    await recordOrderEvent(tx, { orderId: cart.order_id, type: "reconciled", detail: { outcome: closed === "closed" ? "canceled" : closed } });
  });
  return "canceled";
}

export async function reconcileAll(): Promise<{ cartId: string; outcome: ReconcileOutcome | "error"; error?: string }[]> {
  const carts = await db()<{ id: string }[]>`select id from carts where sync_state = 'reconciliation_required' order by updated_at`;
  const results = [];
  for (const c of carts) {
    try {
      results.push({ cartId: c.id, outcome: await reconcileCart(c.id) });
    } catch (error) {
      results.push({ cartId: c.id, outcome: "error" as const, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
