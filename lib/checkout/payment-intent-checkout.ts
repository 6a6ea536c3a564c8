import type Stripe from "stripe";
import { db, type Db } from "../db";
import { getEnv } from "../env";
import { stripe } from "../stripe/client";
import { isDefiniteRefusal } from "../stripe/errors";
import { logError } from "../http/log";
import { applyPaymentSignal } from "../orders/apply";
import { createOrder, orderTotal } from "../orders/create";
import { InsufficientStockError, type OrderLineInput, type OrderRow } from "../orders/types";
import { CheckoutRejection, normalizeCheckoutBody, priceLines } from "./payment-intent-lines";
import { CHECKOUT_ERRORS as E } from "./payment-intent-schemas";
import { NoShippingRateError, planShipping } from "./order-shipping";
import { createOrFindPaymentIntent } from "./stripe-objects";

export interface PaymentIntentCheckout {
  clientSecret: string;
  orderId: string;
}

const UNIQUE_VIOLATION = "23505";

/**
 * POST /api/checkout (seed 002): order + stock in one transaction, then the PaymentIntent
 * (idempotency key = order id), so a double click or a retry never makes a second one.
 */
export async function checkoutWithPaymentIntent(userId: string, body: unknown, idempotencyKey: string | null): Promise<PaymentIntentCheckout> {
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(userId, idempotencyKey);
    if (existing) return ensurePaymentIntent(existing);
  }
  const { currency, lines } = normalizeCheckoutBody(body);
  let order: OrderRow;
  try {
    // Reads first (prices from the database, the matching cart, shipping), then one statement takes
    // the stock and inserts the order (order_create).
    const priced = await priceLines(db(), currency, lines);
    if (orderTotal(priced) <= 0) throw new CheckoutRejection(400, E.amount);
    const [cartId, shipping] = await Promise.all([matchingCartId(db(), userId, priced), planShipping(db(), priced, currency)]);
    ({ order } = await createOrder(db(), {
      userId,
      cartId,
      source: "payment_intent",
      currency,
      lines: priced,
      idempotencyKey,
      ttlMinutes: getEnv().RESERVATION_TTL_MINUTES,
      // Goods that ship: countries and rates fixed on the order, the first rate preselected in the amount.
      shipping,
    }));
  } catch (error) {
    if (error instanceof InsufficientStockError) throw new CheckoutRejection(400, E.stock);
    if (error instanceof NoShippingRateError) throw new CheckoutRejection(400, error.message);
    if (idempotencyKey && (error as { code?: string }).code === UNIQUE_VIOLATION) {
      // The same click raced us; its order (and stock) is the one that counts.
      const first = await findByIdempotencyKey(userId, idempotencyKey);
      if (first) return ensurePaymentIntent(first);
    }
    throw error;
  }
  return ensurePaymentIntent(order);
}

/**
 * The shopper's cart when the order is exactly its contents (what our /checkout page sends), so
 * paying checks that cart out; an API caller buying something else leaves their cart alone.
 */
async function matchingCartId(conn: Db, userId: string, lines: OrderLineInput[]): Promise<string | null> {
  const rows = await conn<{ cart_id: string; variant_id: number; quantity: number }[]>`
    select c.id as cart_id, v.id::int as variant_id, sum(ci.quantity)::int as quantity
    from carts c join cart_items ci on ci.cart_id = c.id join prices p on p.id = ci.price_id join variants v on v.id = p.variant_id
    where c.user_id = ${userId} and c.status = 'active' group by c.id, v.id`;
  const want = new Map<number, number>();
  for (const l of lines) want.set(l.variantId, (want.get(l.variantId) ?? 0) + l.quantity);
  const same = rows.length === want.size && rows.every((r) => want.get(r.variant_id) === r.quantity);
  return same ? (rows[0]?.cart_id ?? null) : null;
}

async function findByIdempotencyKey(userId: string, key: string): Promise<OrderRow | null> {
  const [row] = await db()<OrderRow[]>`select * from orders where user_id = ${userId} and idempotency_key = ${key}`;
  return row ?? null;
}

/**
 * The order's PaymentIntent, created with idempotency key = order id: a retry after a lost answer
 * (same Idempotency-Key header) gets back the PaymentIntent Stripe made. Only a definite refusal
 * cancels the order and releases its stock; after an unknown answer it stays pending and held.
 */
async function ensurePaymentIntent(order: OrderRow): Promise<PaymentIntentCheckout> {
  if (order.status === "canceled") throw new CheckoutRejection(500, E.failed);
  let intent: Stripe.PaymentIntent;
  try {
    intent = order.stripe_payment_intent_id
      ? await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id)
      : await createOrFindPaymentIntent(order);
  } catch (error) {
    logError("create PaymentIntent", error);
    if (!order.stripe_payment_intent_id && isDefiniteRefusal(error)) {
      await applyPaymentSignal(db(), { orderId: order.id, signal: "canceled", reason: "Stripe refused to create the PaymentIntent" });
    }
    throw new CheckoutRejection(500, E.failed);
  }
  if (!intent.client_secret) throw new Error(`PaymentIntent ${intent.id} has no client_secret`);
  return { clientSecret: intent.client_secret, orderId: order.id };
}
