import Stripe from "stripe";
import { db, transaction } from "../db";
import { getEnv } from "../env";
import { stripe } from "../stripe/client";
import { CartError, SERVER_ERROR } from "../cart/errors";
import { loadCart } from "../cart/queries";
import type { CartOwner, LoadedCart } from "../cart/types";
import { createOrder } from "../orders/create";
import { applyPaymentSignal } from "../orders/apply";
import { getOrder, getOrderWithItems } from "../orders/queries";
import { InsufficientStockError, type OrderRow } from "../orders/types";
import { logError } from "../http/log";
import { cartLinesToOrderLines } from "./cart-to-order";
import { assertCartPurchasable } from "../cart/purchasable";
import { stockLeft } from "../orders/stock";
import { toSessionLineItem } from "./line-items";
import { DEFAULT_SHIPPING, stripeShippingOptions } from "./shipping";

export type CheckoutUiMode = "hosted_page" | "elements";

export interface CheckoutResult {
  session: Stripe.Checkout.Session;
  orderId: string;
}

const MAX_ATTEMPTS = 3;

/**
 * POST /api/cart/checkout. The order (with its stock) is committed before Stripe is called and
 * no transaction stays open across a Stripe call. An unchanged cart reuses its open session.
 */
export async function checkoutCart(owner: CartOwner, uiMode: CheckoutUiMode, origin: string): Promise<CheckoutResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await loadCart(db(), owner);
    if (!loaded || loaded.lines.length === 0) throw new CartError(400, "Cart is empty");
    if (loaded.cart.sync_state === "reconciliation_required") {
      throw new CartError(409, "This cart's checkout needs reconciliation before it can be paid");
    }
    assertCartPurchasable(loaded.lines); // issue 11: switched-off items and max_per_order, even for an open session
    const current = loaded.cart.order_id ? await getOrder(loaded.cart.order_id) : null;
    let order = current && reusable(current, loaded, uiMode) ? current : null;
    if (!order) {
      if (current && (current.status === "pending" || current.status === "failed")) await supersede(current);
      order = await createOrderForCart(owner, loaded, uiMode);
      if (!order) continue; // the cart changed meanwhile: read it again
    }
    const session = await ensureSession(order, loaded, uiMode, origin);
    if (session) return { session, orderId: order.id };
  }
  throw new CartError(409, "The cart changed during checkout, please try again");
}

/** The editable checkout offers a shipping choice for one-time purchases (Stripe: payment mode only). */
function offersShipping(uiMode: CheckoutUiMode, loaded: LoadedCart): boolean {
  return uiMode === "elements" && loaded.lines.every((l) => l.recurring_interval === null);
}

function reusable(order: OrderRow, loaded: LoadedCart, uiMode: CheckoutUiMode): boolean {
  return (
    order.status === "pending" &&
    order.cart_version === loaded.cart.version &&
    order.checkout_ui_mode === uiMode &&
    order.expires_at.getTime() > Date.now() + 60_000
  );
}

/** The cart changed after its session opened: close that session at Stripe, then release the order. */
async function supersede(order: OrderRow): Promise<void> {
  if (order.stripe_checkout_session_id) {
    try {
      await stripe().checkout.sessions.expire(order.stripe_checkout_session_id);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      const s = await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id);
      if (s.status === "complete") throw new CartError(409, "This cart has already been paid");
    }
  }
  await transaction((tx) =>
    applyPaymentSignal(tx, { orderId: order.id, signal: "canceled", reason: "cart changed before payment" }),
  );
}

async function createOrderForCart(owner: CartOwner, read: LoadedCart, uiMode: CheckoutUiMode): Promise<OrderRow | null> {
  try {
    return await transaction(async (tx) => {
      const locked = await loadCart(tx, owner, { lock: true });
      if (!locked || locked.cart.version !== read.cart.version) return null;
      if (locked.cart.order_id) {
        // A parallel checkout of the same cart got here first: share its order.
        const [other] = await tx<OrderRow[]>`select * from orders where id = ${locked.cart.order_id}`;
        if (other && reusable(other, locked, uiMode)) return other;
      }
      const order = await createOrder(tx, {
        userId: owner.userId,
        cartId: locked.cart.id,
        cartNumber: locked.cart.number,
        cartVersion: locked.cart.version,
        source: "checkout_session",
        checkoutUiMode: uiMode,
        currency: locked.lines[0]!.currency,
        lines: cartLinesToOrderLines(locked.lines),
        ttlMinutes: getEnv().RESERVATION_TTL_MINUTES,
      });
      await tx`update carts set order_id = ${order.id}, checkout_session_id = null, checkout_ui_mode = ${uiMode}
               where id = ${locked.cart.id}`;
      await tx`update cart_items set checkout_line_item_id = null where cart_id = ${locked.cart.id} and checkout_line_item_id is not null`;
      if (offersShipping(uiMode, locked)) {
        await tx`update orders set shipping_option = ${DEFAULT_SHIPPING} where id = ${order.id}`;
      }
      return order;
    });
  } catch (error) {
    if (error instanceof InsufficientStockError) {
      const short = read.lines.filter((l) => error.variantIds.includes(l.variant_id));
      const left = await stockLeft(db(), error.variantIds); // issue 11: units left now, not as first read
      const names = short.map((l) => { const n = left.get(l.variant_id) ?? l.stock; return l.variant_name ? `${l.product_name} (${l.variant_name}, ${n} left)` : `${l.product_name} (${n} left)`; });
      throw new CartError(400, `Not enough stock for ${names.join(", ") || "an item in your cart"}`);
    }
    throw error;
  }
}

/** Returns the order's open session, creating it (idempotently, keyed by order id) when needed. */
async function ensureSession(order: OrderRow, loaded: LoadedCart, uiMode: CheckoutUiMode, origin: string): Promise<Stripe.Checkout.Session | null> {
  if (order.stripe_checkout_session_id) {
    const s = await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id);
    if (s.status === "open") return s;
    return null;
  }
  const full = await getOrderWithItems(order.id);
  if (!full) throw new Error(`order ${order.id} vanished`);
  const recurring = full.items.some((i) => i.recurring_interval !== null);
  const success = `${origin}/orders/${order.id}?session_id={CHECKOUT_SESSION_ID}`;
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: recurring ? "subscription" : "payment",
    ui_mode: uiMode as Stripe.Checkout.SessionCreateParams.UiMode,
    line_items: full.items.map((i) => toSessionLineItem(i, uiMode === "elements")),
    metadata: { cart_number: loaded.cart.number, order_id: order.id },
    client_reference_id: order.id,
    expires_at: Math.floor(order.expires_at.getTime() / 1000),
    ...(uiMode === "hosted_page" ? { success_url: success, cancel_url: `${origin}/cart` } : { return_url: success }),
    ...(offersShipping(uiMode, loaded) ? { shipping_options: stripeShippingOptions(DEFAULT_SHIPPING, order.currency) } : {}),
    ...(recurring
      ? { subscription_data: { metadata: { order_id: order.id } } }
      : { payment_intent_data: { metadata: { order_id: order.id } } }),
  };
  let session: Stripe.Checkout.Session;
  try {
    // Editable sessions need their line item ids: have them in the same answer.
    const expand = uiMode === "elements" ? { expand: ["line_items"] } : {};
    session = await stripe().checkout.sessions.create({ ...params, ...expand }, { idempotencyKey: `checkout-session-${order.id}` });
  } catch (error) {
    logError("create checkout session", error);
    await transaction((tx) =>
      applyPaymentSignal(tx, { orderId: order.id, signal: "canceled", reason: "Stripe could not create the checkout session" }),
    );
    throw new CartError(500, SERVER_ERROR);
  }
  await bindSession(order.id, loaded.cart.id, session, uiMode);
  return session;
}

/** Line item ids in order; a second call only when the cart has more lines than an expansion carries. */
async function lineItemIds(session: Stripe.Checkout.Session): Promise<string[]> {
  const expanded = session.line_items;
  if (expanded && !expanded.has_more) return expanded.data.map((li) => li.id);
  return (await stripe().checkout.sessions.listLineItems(session.id, { limit: 100 })).data.map((li) => li.id);
}

async function bindSession(orderId: string, cartId: string, session: Stripe.Checkout.Session, uiMode: CheckoutUiMode) {
  const lineIds = uiMode === "elements" ? await lineItemIds(session) : [];
  await transaction(async (tx) => {
    await tx`update orders set stripe_checkout_session_id = ${session.id} where id = ${orderId} and stripe_checkout_session_id is null`;
    await tx`update carts set checkout_session_id = ${session.id} where id = ${cartId} and order_id = ${orderId}`;
    if (lineIds.length > 0) {
      await tx`update order_items oi set stripe_line_item_id = t.li
               from unnest(${lineIds}::text[], ${lineIds.map((_, i) => i)}::int[]) as t(li, pos)
               where oi.order_id = ${orderId} and oi.position = t.pos`;
      await tx`update cart_items ci set checkout_line_item_id = oi.stripe_line_item_id
               from order_items oi where oi.order_id = ${orderId} and ci.cart_id = ${cartId} and ci.price_id = oi.price_id`;
    }
  });
}
