import type Stripe from "stripe";
import { db, transaction, type Db, type Tx } from "../db";
import { stripe } from "../stripe/client";
import type { OrderWithItems } from "../orders/queries";
import { toSessionLineItem } from "./line-items";
import { orderRates, shippingParams } from "./session-shipping";

/**
 * The Stripe object an order pays with is created by exactly one request shape per order, keyed
 * by the order id. Sending the same request again (a retry after a lost answer, the cron, the
 * close path) therefore returns the object Stripe made the first time instead of a second one:
 * Stripe replays the saved answer of a key for 24 hours when the parameters are the same
 * (https://docs.stripe.com/api/idempotent_requests). Everything here is derived from the order row.
 */

export type CheckoutUiMode = "hosted_page" | "elements";

export function sessionIdempotencyKey(orderId: string): string {
  return `checkout-session-${orderId}`;
}

function sessionCreateParams(order: OrderWithItems, fallbackOrigin: string): Stripe.Checkout.SessionCreateParams {
  const uiMode = (order.checkout_ui_mode ?? "hosted_page") as CheckoutUiMode;
  const origin = order.return_origin ?? fallbackOrigin;
  const recurring = order.items.some((i) => i.recurring_interval !== null);
  const success = `${origin}/orders/${order.id}?session_id={CHECKOUT_SESSION_ID}`;
  return {
    mode: recurring ? "subscription" : "payment",
    ui_mode: uiMode as Stripe.Checkout.SessionCreateParams.UiMode,
    line_items: order.items.map((i) => toSessionLineItem(i)),
    metadata: { cart_number: order.cart_number ?? "", order_id: order.id },
    client_reference_id: order.id,
    expires_at: Math.floor(order.expires_at.getTime() / 1000),
    ...(uiMode === "hosted_page" ? { success_url: success, cancel_url: `${origin}/cart` } : { return_url: success }),
    ...shippingParams(order, uiMode),
    ...(recurring
      ? { subscription_data: { metadata: { order_id: order.id } } }
      : { payment_intent_data: { metadata: { order_id: order.id } } }),
    // Editable sessions need their line item ids: have them in the same answer.
    ...(uiMode === "elements" ? { expand: ["line_items"] } : {}),
  };
}

/** Creates the order's Checkout Session, or gets back the one a lost answer left at Stripe, and binds it. */
export async function createOrFindSession(order: OrderWithItems, fallbackOrigin: string): Promise<Stripe.Checkout.Session> {
  const session = await stripe().checkout.sessions.create(sessionCreateParams(order, fallbackOrigin), {
    idempotencyKey: sessionIdempotencyKey(order.id),
  });
  await bindSession(order, session);
  return session;
}

/** Line item ids in order; a second call only when the cart has more lines than an expansion carries. */
async function lineItemIds(session: Stripe.Checkout.Session): Promise<string[]> {
  const expanded = session.line_items;
  if (expanded && !expanded.has_more) return expanded.data.map((li) => li.id);
  return (await stripe().checkout.sessions.listLineItems(session.id, { limit: 100 })).data.map((li) => li.id);
}

async function bindSession(order: OrderWithItems, session: Stripe.Checkout.Session): Promise<void> {
  const lineIds = order.checkout_ui_mode === "elements" ? await lineItemIds(session) : [];
  await transaction(async (tx) => {
    await bindToOpenOrder(tx, order.id, "stripe_checkout_session_id", session.id);
    await bindStripeRates(tx, order, session);
    if (!order.cart_id) return;
    await tx`update carts set checkout_session_id = ${session.id} where id = ${order.cart_id} and order_id = ${order.id}`;
    if (lineIds.length > 0) {
      await tx`update order_items oi set stripe_line_item_id = t.li
               from unnest(${lineIds}::text[], ${lineIds.map((_, i) => i)}::int[]) as t(li, pos)
               where oi.order_id = ${order.id} and oi.position = t.pos`;
      await tx`update cart_items ci set checkout_line_item_id = oi.stripe_line_item_id
               from order_items oi, carts c
               where oi.order_id = ${order.id} and ci.cart_id = ${order.cart_id} and ci.price_id = oi.price_id
                 and c.id = ci.cart_id and c.order_id = ${order.id}`;
    }
  });
}

/**
 * Remembers which Stripe Shipping Rate Checkout made from each of ours (same order as sent), so
 * the rate a shopper picks on Stripe's page (`shipping_cost.shipping_rate`) maps back to ours.
 */
async function bindStripeRates(tx: Tx, order: OrderWithItems, session: Stripe.Checkout.Session): Promise<void> {
  const rates = orderRates(order);
  if (rates.length === 0 || session.shipping_options.length !== rates.length) return;
  const bound = rates.map((r, i) => {
    const option = session.shipping_options[i]!;
    return { ...r, stripe_rate: typeof option.shipping_rate === "string" ? option.shipping_rate : option.shipping_rate.id };
  });
  await tx`update orders set shipping_rates = ${tx.json(bound as never)} where id = ${order.id}`;
}

/** Creates the order's PaymentIntent (idempotency key = order id), or gets back the one a lost answer left, and binds it. */
export async function createOrFindPaymentIntent(order: Pick<OrderWithItems, "id" | "amount_total" | "currency">): Promise<Stripe.PaymentIntent> {
  const intent = await stripe().paymentIntents.create(
    {
      amount: order.amount_total,
      currency: order.currency,
      metadata: { order_id: order.id },
      automatic_payment_methods: { enabled: true },
    },
    { idempotencyKey: order.id },
  );
  await bindToOpenOrder(db(), order.id, "stripe_payment_intent_id", intent.id);
  return intent;
}

/** The order was closed while its Stripe object was being created: that object is never handed out. */
export class OrderClosedError extends Error {}

/**
 * Binds a Stripe object to its order, only while the order is open. An object nobody was given
 * (its create answer was lost) cannot be paid, so once the order is closed it must stay unbound.
 */
async function bindToOpenOrder(conn: Db, orderId: string, column: "stripe_checkout_session_id" | "stripe_payment_intent_id", stripeId: string): Promise<void> {
  const [row] = await conn<{ bound: string }[]>`
    update orders set ${conn(column)} = coalesce(${conn(column)}, ${stripeId})
    where id = ${orderId} and status in ('pending', 'failed')
    returning ${conn(column)} as bound`;
  if (!row || row.bound !== stripeId) throw new OrderClosedError(`order ${orderId} is closed or bound to another Stripe object`);
}
