import type Stripe from "stripe";
import { db } from "../db";
import { getEnv } from "../env";
import { stripe } from "../stripe/client";
import { isDefiniteRefusal } from "../stripe/errors";
import { CartError, SERVER_ERROR } from "../cart/errors";
import { loadCart } from "../cart/queries";
import type { CartOwner, LoadedCart } from "../cart/types";
import { CheckoutRateLimited } from "../limits/checkout-rate";
import type { RateCheck } from "../limits/rate-limit";
import { CartMovedError, createOrder } from "../orders/create";
import { applyPaymentSignal } from "../orders/apply";
import { closeUnpaidOrder } from "../orders/close";
import { applyVerdict, sessionVerdict } from "../orders/stripe-verdict";
import { getOrder, getOrderWithItems, type OrderWithItems } from "../orders/queries";
import { InsufficientStockError, type OrderRow } from "../orders/types";
import { logError } from "../http/log";
import { cartLinesToOrderLines } from "./cart-to-order";
import { assertCartPurchasable } from "../cart/purchasable";
import { aggregateNeeds, StockShortageError, stockLeft, type StockShortage } from "../orders/stock";
import type { OrderShipping } from "../orders/create";
import { readCartForCheckout } from "./cart-checkout-read";
import { NoShippingRateError, planShipping, shippingPlanFromRows } from "./order-shipping";
import { createAndBindSession, type CheckoutUiMode } from "./stripe-objects";
import { CART_CHECKOUT_MESSAGES as M } from "./messages";

export type { CheckoutUiMode };

export interface CheckoutResult {
  session: Stripe.Checkout.Session;
  orderId: string;
  /** The shopper's unpaid orders beyond the cap, selected with the new session's bind (undefined: not selected). */
  beyondCap?: string[];
}

const MAX_ATTEMPTS = 3;

/**
 * POST /api/cart/checkout. The order (with its stock) is committed before Stripe is called and
 * no transaction stays open across a Stripe call. An unchanged cart reuses its order and session.
 * `rate`: the attempt is counted in the first read (one round trip with it); beyond the limit
 * CheckoutRateLimited is thrown before anything else is looked at.
 */
export async function checkoutCart(owner: CartOwner, uiMode: CheckoutUiMode, origin: string, rate: RateCheck | null = null): Promise<CheckoutResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // The first read also brings the shipping inputs; a re-read after a moved cart plans them again.
    let loaded: LoadedCart | null;
    let shipping: (() => OrderShipping | null) | null = null;
    if (attempt === 0) {
      const read = await readCartForCheckout(db(), owner, rate);
      if (!read.rate.allowed) throw new CheckoutRateLimited(read.rate.retryAfterSeconds);
      loaded = read.loaded;
      shipping = () => shippingPlanFromRows({
        ships: read.ships,
        recurring: (read.loaded?.lines ?? []).some((l) => !!l.recurring_interval),
        currency: read.loaded!.lines[0]!.currency,
        rows: read.rateRows,
      });
    } else {
      loaded = await loadCart(db(), owner);
    }
    if (!loaded || loaded.lines.length === 0) throw new CartError(400, M.empty);
    if (loaded.cart.sync_state === "reconciliation_required") {
      throw new CartError(409, M.needsReconciliation);
    }
    assertCartPurchasable(loaded.lines); // issue 11: switched-off items and max_per_order, even for an open session
    const current = loaded.cart.order_id ? await getOrder(loaded.cart.order_id) : null;
    let order: OrderRow | OrderWithItems | null = current && reusable(current, loaded, uiMode) ? current : null;
    if (!order) {
      if (current && (current.status === "pending" || current.status === "failed")) await supersede(current, origin);
      // Without an earlier order of this cart holding units, the stock as read is the committed stock.
      order = await createOrderForCart(owner, loaded, uiMode, origin, shipping, !current?.stock_held);
      if (!order) continue; // the cart changed meanwhile: read it again
    }
    const ensured = await ensureSession(owner, order, origin);
    if (ensured) return { session: ensured.session, orderId: order.id, beyondCap: ensured.beyondCap };
  }
  throw new CartError(409, M.cartChanged);
}

function reusable(order: OrderRow, loaded: LoadedCart, uiMode: CheckoutUiMode): boolean {
  return (
    order.status === "pending" &&
    !order.payment_processing &&
    order.cart_version === loaded.cart.version &&
    order.checkout_ui_mode === uiMode &&
    order.expires_at.getTime() > Date.now() + 60_000
  );
}

/**
 * The cart changed after its order was made: close that order at Stripe through the one close path.
 * When Stripe's answer is unknown the old order keeps its units and the cron closes it soon (it may
 * still be paid meanwhile and must then not find its stock gone); the cart moves on.
 */
async function supersede(order: OrderRow, origin: string): Promise<void> {
  const outcome = await closeUnpaidOrder(order.id, "cart changed before payment", origin);
  if (outcome === "paid") throw new CartError(409, M.alreadyPaid);
  if (outcome === "processing") throw new CartError(409, M.processing);
  if (outcome === "unknown") await db()`update orders set close_requested_at = coalesce(close_requested_at, now()) where id = ${order.id}`;
}

/**
 * The order for the cart as read: shipping planned first, then one statement (order_create) locks the
 * cart, checks it is still the version we read (every edit bumps it), takes the stock, inserts the
 * order, its items and its first event, and binds the cart. When the cart moved on nothing is
 * written and the caller reads again; when a parallel checkout of the same cart got there first,
 * its order is shared.
 */
async function createOrderForCart(
  owner: CartOwner,
  read: LoadedCart,
  uiMode: CheckoutUiMode,
  origin: string,
  plannedShipping: (() => OrderShipping | null) | null,
  readStockIsCommitted: boolean,
): Promise<OrderRow | OrderWithItems | null> {
  const lines = cartLinesToOrderLines(read.lines);
  const currency = read.lines[0]!.currency;
  try {
    const shipping = plannedShipping ? plannedShipping() : await planShipping(db(), lines, currency);
    // The refusal order_create would give before taking any lock (a variant already short in the
    // committed state), from the read: a sold-out checkout costs one round trip, not two.
    const short = readStockIsCommitted ? shortAsRead(read.lines) : [];
    if (short.length > 0) throw new StockShortageError(short);
    const { order, items } = await createOrder(
      db(),
      {
        userId: owner.userId,
        source: "checkout_session",
        checkoutUiMode: uiMode,
        returnOrigin: origin,
        currency,
        lines,
        ttlMinutes: getEnv().RESERVATION_TTL_MINUTES,
        shipping,
      },
      { id: read.cart.id, number: read.cart.number, version: read.cart.version, orderId: read.cart.order_id, uiMode },
    );
    return { ...order, items };
  } catch (error) {
    if (error instanceof CartMovedError) {
      // A parallel checkout of the same cart got here first: share its order (or read the cart again).
      const other = error.orderId ? await getOrder(error.orderId) : null;
      return other && reusable(other, read, uiMode) ? other : null;
    }
    if (error instanceof NoShippingRateError) throw new CartError(400, error.message);
    if (error instanceof InsufficientStockError) {
      const short = read.lines.filter((l) => error.variantIds.includes(l.variant_id));
      // issue 11: units left now, not as first read (order_create read them under the rows' lock)
      const left = error instanceof StockShortageError
        ? new Map(error.shortages.map((s) => [s.variantId, s.available]))
        : await stockLeft(db(), error.variantIds);
      const names = short.map((l) => M.stockLabel(l.product_name, l.variant_name, left.get(l.variant_id) ?? l.stock));
      throw new CartError(400, M.notEnoughStock(names));
    }
    throw error;
  }
}

/** Variants whose lines (summed) want more units than the stock read with them. */
function shortAsRead(lines: LoadedCart["lines"]): StockShortage[] {
  const stock = new Map(lines.map((l) => [l.variant_id, l.stock]));
  return aggregateNeeds(lines.map((l) => ({ variantId: l.variant_id, quantity: l.quantity })))
    .filter((n) => n.quantity > stock.get(n.variantId)!)
    .map((n) => ({ variantId: n.variantId, available: stock.get(n.variantId)! }));
}

/**
 * Returns the order's open session, creating it when needed. The create is keyed by the order, so
 * a retry after a lost answer gets back the session Stripe made. Only a definite refusal cancels
 * the order at once; after an unknown answer it stays pending with its units.
 */
async function ensureSession(
  owner: CartOwner,
  order: OrderRow | OrderWithItems,
  origin: string,
): Promise<{ session: Stripe.Checkout.Session; beyondCap?: string[] } | null> {
  if (order.stripe_checkout_session_id) {
    const s = await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id, { expand: ["payment_intent"] });
    if (s.status === "open") return { session: s };
    // Completed or expired before its webhook arrived: settle the order from the session, then start over.
    await applyVerdict(order, sessionVerdict(s), "read from Stripe at checkout");
    return null;
  }
  // An order this checkout just made came back with its items; an order reused from the cart is read again.
  const full = "items" in order ? order : await getOrderWithItems(order.id);
  if (!full) throw new Error(`order ${order.id} vanished`);
  try {
    return await createAndBindSession(full, origin, { who: owner, newestOrderId: order.id });
  } catch (error) {
    logError("create checkout session", error);
    if (isDefiniteRefusal(error)) {
      await applyPaymentSignal(db(), { orderId: order.id, signal: "canceled", reason: "Stripe refused to create the checkout session" });
    }
    throw new CartError(500, SERVER_ERROR);
  }
}
