import type Stripe from "stripe";
import { db, type Db } from "../db";
import { stripe } from "../stripe/client";
import { unpaidBeyondCapQuery, type UnpaidCapScope } from "../limits/unpaid-orders";
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

/**
 * Stripe takes an `expires_at` "anywhere from 30 minutes to 24 hours after Checkout Session creation"
 * (stripe-node Checkout.SessionCreateParams.expires_at) and refuses the rest. The reservation's end,
 * which order_create sets a minute past the TTL, so a 1440-minute TTL would overshoot the 24 hours:
 * the session then ends a minute short of 24 hours after the order, still derived from the order row
 * alone so that a retry sends the same parameters.
 */
const MAX_SESSION_SECONDS = 24 * 60 * 60 - 60;

function sessionExpiresAt(order: Pick<OrderWithItems, "expires_at" | "created_at">): number {
  const reservationEnd = Math.floor(order.expires_at.getTime() / 1000);
  return Math.min(reservationEnd, Math.floor(order.created_at.getTime() / 1000) + MAX_SESSION_SECONDS);
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
    expires_at: sessionExpiresAt(order),
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
  return (await createAndBindSession(order, fallbackOrigin, null)).session;
}

/**
 * createOrFindSession for a checkout: `cap` also selects, in the bind's one statement, the
 * shopper's unpaid orders beyond the cap (lib/limits/unpaid-orders.ts), which the route then closes.
 */
export async function createAndBindSession(
  order: OrderWithItems,
  fallbackOrigin: string,
  cap: UnpaidCapScope | null,
): Promise<{ session: Stripe.Checkout.Session; beyondCap: string[] | undefined }> {
  const session = await stripe().checkout.sessions.create(sessionCreateParams(order, fallbackOrigin), {
    idempotencyKey: sessionIdempotencyKey(order.id),
  });
  const beyondCap = await bindSession(order, session, cap);
  return { session, beyondCap };
}

/** Line item ids in order; a second call only when the cart has more lines than an expansion carries. */
async function lineItemIds(session: Stripe.Checkout.Session): Promise<string[]> {
  const expanded = session.line_items;
  if (expanded && !expanded.has_more) return expanded.data.map((li) => li.id);
  return (await stripe().checkout.sessions.listLineItems(session.id, { limit: 100 })).data.map((li) => li.id);
}

/**
 * Binds the session to its order and cart in ONE statement (one round trip, atomic): the order
 * takes the session only while it is open and not bound to another one; every other write (the
 * Stripe rates, the cart, the line item ids) is made only when that bind held, so a refused bind
 * writes nothing, as a rolled-back transaction would. The cart's line ids are taken from the
 * session's own list by position (the statement cannot read order_items as it updates them).
 * Returns the unpaid orders beyond the cap when `cap` is given.
 */
async function bindSession(order: OrderWithItems, session: Stripe.Checkout.Session, cap: UnpaidCapScope | null): Promise<string[] | undefined> {
  const lineIds = order.checkout_ui_mode === "elements" ? await lineItemIds(session) : [];
  const rates = stripeBoundRates(order, session);
  const sql = db();
  const positions = lineIds.map((_, i) => i);
  const lines = order.cart_id && lineIds.length > 0;
  const beyond = cap ? unpaidBeyondCapQuery(sql, cap) : null;
  const [row] = await sql<{ bound: string | null; beyond: string[] | null }[]>`
    with bound as (
      update orders set stripe_checkout_session_id = coalesce(stripe_checkout_session_id, ${session.id}),
        shipping_rates = case when ${rates !== null} and coalesce(stripe_checkout_session_id, ${session.id}) = ${session.id}
                              then ${rates ? JSON.stringify(rates) : null}::text::jsonb else shipping_rates end
      where id = ${order.id} and status in ('pending', 'failed')
      returning stripe_checkout_session_id as bound
    ), ok as (select 1 from bound where bound = ${session.id})
    ${order.cart_id ? sql`, cart as (
      update carts set checkout_session_id = ${session.id}
      where id = ${order.cart_id} and order_id = ${order.id} and exists (select 1 from ok))` : sql``}
    ${lines ? sql`, item_ids as (
      update order_items oi set stripe_line_item_id = t.li
      from unnest(${lineIds}::text[], ${positions}::int[]) as t(li, pos)
      where oi.order_id = ${order.id} and oi.position = t.pos and exists (select 1 from ok)
    ), cart_item_ids as (
      update cart_items ci set checkout_line_item_id = coalesce(t.li, oi.stripe_line_item_id)
      from order_items oi
        left join unnest(${lineIds}::text[], ${positions}::int[]) as t(li, pos) on t.pos = oi.position
        join carts c on c.order_id = oi.order_id
      where oi.order_id = ${order.id} and ci.cart_id = ${order.cart_id} and ci.price_id = oi.price_id
        and c.id = ci.cart_id and exists (select 1 from ok))` : sql``}
    ${beyond ? sql`, beyond as (${beyond})` : sql``}
    select (select bound from bound) as bound,
      ${beyond ? sql`(select json_agg(id) from beyond)` : sql`null::json`} as beyond`;
  checkBound(row?.bound ? [{ bound: row.bound }] : [], order.id, session.id);
  return beyond ? (row?.beyond ?? []) : undefined;
}

/**
 * Which Stripe Shipping Rate Checkout made from each of ours (same order as sent), so the rate a
 * shopper picks on Stripe's page (`shipping_cost.shipping_rate`) maps back to ours; null: nothing to bind.
 */
function stripeBoundRates(order: OrderWithItems, session: Stripe.Checkout.Session): unknown[] | null {
  const rates = orderRates(order);
  if (rates.length === 0 || session.shipping_options.length !== rates.length) return null;
  return rates.map((r, i) => {
    const option = session.shipping_options[i]!;
    return { ...r, stripe_rate: typeof option.shipping_rate === "string" ? option.shipping_rate : option.shipping_rate.id };
  });
}

/** Creates the order's PaymentIntent (idempotency key = order id), or gets back the one a lost answer left, and binds it. */
export async function createOrFindPaymentIntent(order: Pick<OrderWithItems, "id" | "amount_total" | "currency">): Promise<Stripe.PaymentIntent> {
  return (await createAndBindPaymentIntent(order, null)).intent;
}

/** createOrFindPaymentIntent for a checkout: `cap` also selects, in the bind's one statement, the unpaid orders beyond the cap. */
export async function createAndBindPaymentIntent(
  order: Pick<OrderWithItems, "id" | "amount_total" | "currency">,
  cap: UnpaidCapScope | null,
): Promise<{ intent: Stripe.PaymentIntent; beyondCap: string[] | undefined }> {
  const intent = await stripe().paymentIntents.create(
    {
      amount: order.amount_total,
      currency: order.currency,
      metadata: { order_id: order.id },
      automatic_payment_methods: { enabled: true },
    },
    { idempotencyKey: order.id },
  );
  const sql = db();
  const beyond = cap ? unpaidBeyondCapQuery(sql, cap) : null;
  if (!beyond) {
    checkBound(await bindToOpenOrder(sql, order.id, "stripe_payment_intent_id", intent.id), order.id, intent.id);
    return { intent, beyondCap: undefined };
  }
  const [row] = await sql<{ bound: string | null; beyond: string[] | null }[]>`
    with bound as (${bindToOpenOrder(sql, order.id, "stripe_payment_intent_id", intent.id) as never}), beyond as (${beyond})
    select (select bound from bound) as bound, (select json_agg(id) from beyond) as beyond`;
  checkBound(row?.bound ? [{ bound: row.bound }] : [], order.id, intent.id);
  return { intent, beyondCap: row?.beyond ?? [] };
}

/** The order was closed while its Stripe object was being created: that object is never handed out. */
export class OrderClosedError extends Error {}

/**
 * Binds a Stripe object to its order, only while the order is open. An object nobody was given
 * (its create answer was lost) cannot be paid, so once the order is closed it must stay unbound.
 */
function bindToOpenOrder(conn: Db, orderId: string, column: "stripe_checkout_session_id" | "stripe_payment_intent_id", stripeId: string): PromiseLike<{ bound: string }[]> {
  return conn<{ bound: string }[]>`
    update orders set ${conn(column)} = coalesce(${conn(column)}, ${stripeId})
    where id = ${orderId} and status in ('pending', 'failed')
    returning ${conn(column)} as bound`;
}

function checkBound(rows: { bound: string }[], orderId: string, stripeId: string): void {
  if (rows[0]?.bound !== stripeId) throw new OrderClosedError(`order ${orderId} is closed or bound to another Stripe object`);
}
