import type Stripe from "stripe";
import { db, type Db } from "../db";
import { getEnv } from "../env";
import { stripe } from "../stripe/client";
import { isDefiniteRefusal } from "../stripe/errors";
import { logError } from "../http/log";
import { applyPaymentSignal } from "../orders/apply";
import { createOrder, orderTotal } from "../orders/create";
import { InsufficientStockError, type OrderLineInput, type OrderRow } from "../orders/types";
import { CheckoutRejection, normalizeCheckoutBody, priceLinesFromRows, variantPricesQuery, type VariantPrice } from "./payment-intent-lines";
import { CHECKOUT_ERRORS as E, type NormalizedLine } from "./payment-intent-schemas";
import { NoShippingRateError, shippingPlanFromRows } from "./order-shipping";
import type { RateRow } from "./shipping";
import { createAndBindPaymentIntent } from "./stripe-objects";
import { CheckoutRateLimited } from "../limits/checkout-rate";
import { hitRateLimit, rateDecision, rateHitCte, type RateCheck, type RateDecision, type RateHit } from "../limits/rate-limit";

export interface PaymentIntentCheckout {
  clientSecret: string;
  orderId: string;
  /** The user's unpaid orders beyond the cap, selected with the new PaymentIntent's bind (undefined: not selected). */
  beyondCap?: string[];
}

const UNIQUE_VIOLATION = "23505";

/**
 * POST /api/checkout (seed 002): order + stock in one transaction, then the PaymentIntent
 * (idempotency key = order id), so a double click or a retry never makes a second one.
 */
export async function checkoutWithPaymentIntent(
  userId: string,
  body: unknown,
  idempotencyKey: string | null,
  rate: RateCheck | null = null,
): Promise<PaymentIntentCheckout> {
  // `rate`: the attempt is counted before anything is judged, in the order's read when the request
  // gets that far (one round trip for both), else on its own; beyond the limit nothing else happens.
  let uncounted = rate;
  const countAlone = async () => {
    if (!uncounted) return;
    const check = uncounted;
    uncounted = null;
    const decision = await hitRateLimit(check.buckets, check.limit, check.windowSeconds);
    if (!decision.allowed) throw new CheckoutRateLimited(decision.retryAfterSeconds);
  };
  if (idempotencyKey) {
    await countAlone();
    const existing = await findByIdempotencyKey(userId, idempotencyKey);
    if (existing) return ensurePaymentIntent(existing);
  }
  let normalized: ReturnType<typeof normalizeCheckoutBody>;
  try {
    normalized = normalizeCheckoutBody(body);
  } catch (error) {
    await countAlone();
    throw error;
  }
  const { currency, lines } = normalized;
  let order: OrderRow;
  try {
    // One read (the rate-limit count, prices from the database, the matching cart, shipping), then
    // one statement takes the stock and inserts the order (order_create).
    const read = await readForPaymentIntent(db(), userId, currency, lines, uncounted);
    if (!read.rate.allowed) throw new CheckoutRateLimited(read.rate.retryAfterSeconds);
    const priced = priceLinesFromRows(currency, lines, read.prices);
    if (orderTotal(priced) <= 0) throw new CheckoutRejection(400, E.amount);
    const cartId = matchingCartId(read.cartRows, priced);
    const shipping = shippingPlanFromRows({ ships: read.ships, recurring: false, currency, rows: read.rateRows });
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

interface PaymentIntentRead {
  prices: VariantPrice[];
  /** The user's active cart per variant (unit sums). */
  cartRows: { cart_id: string; variant_id: number; quantity: number }[];
  /** Something among the variants' products ships (products.requires_shipping). */
  ships: boolean;
  rateRows: RateRow[];
  rate: RateDecision;
}

/**
 * Everything the order is judged on, in one round trip: the variants' prices (variantPricesQuery),
 * the user's active cart per variant, whether their products ship and the shipping rates in the
 * currency (as planShipping reads them). Only what the lines pass is used, in the order priceLines,
 * matchingCartId and the shipping plan judged them one after another.
 */
async function readForPaymentIntent(conn: Db, userId: string, currency: string, lines: NormalizedLine[], rate: RateCheck | null): Promise<PaymentIntentRead> {
  const ids = [...new Set(lines.map((l) => l.variantId))];
  const hit = rate ? rateHitCte(conn, rate) : null;
  const [row] = await conn<{ prices: VariantPrice[] | null; cart_rows: PaymentIntentRead["cartRows"] | null; ships: boolean | null; rate_rows: RateRow[] | null; hits: RateHit[] | null }[]>`
    with ${hit ? conn`${hit},` : conn``}
    vp as (${variantPricesQuery(conn, currency, ids)}),
    mc as (
      select c.id as cart_id, v.id::int as variant_id, sum(ci.quantity)::int as quantity
      from carts c join cart_items ci on ci.cart_id = c.id join prices p on p.id = ci.price_id join variants v on v.id = p.variant_id
      where c.user_id = ${userId} and c.status = 'active' group by c.id, v.id
    )
    select (select json_agg(vp) from vp) as prices,
      (select json_agg(mc) from mc) as cart_rows,
      (select coalesce(bool_or(p.requires_shipping), false) from products p where p.id in (select product_id from vp)) as ships,
      (select json_agg(r order by r.position, r.id) from (
         select id, name, amounts, countries, min_days, max_days, position from shipping_rates
         where active and amounts ? ${currency}) r) as rate_rows,
      ${hit ? conn`(select json_agg(h) from hit h)` : conn`null::json`} as hits`;
  return {
    prices: row?.prices ?? [],
    cartRows: row?.cart_rows ?? [],
    ships: row?.ships === true,
    rateRows: row?.rate_rows ?? [],
    rate: row?.hits ? rateDecision(row.hits, rate!.limit) : { allowed: true },
  };
}

/**
 * The shopper's cart when the order is exactly its contents (what our /checkout page sends), so
 * paying checks that cart out; an API caller buying something else leaves their cart alone.
 */
function matchingCartId(rows: PaymentIntentRead["cartRows"], lines: OrderLineInput[]): string | null {
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
  let beyondCap: string[] | undefined;
  try {
    if (order.stripe_payment_intent_id) {
      intent = await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id);
    } else {
      // The bind also selects the user's unpaid orders beyond the cap (one statement for both).
      ({ intent, beyondCap } = await createAndBindPaymentIntent(order, order.user_id ? { who: { userId: order.user_id, cartNumber: null }, newestOrderId: order.id } : null));
    }
  } catch (error) {
    logError("create PaymentIntent", error);
    if (!order.stripe_payment_intent_id && isDefiniteRefusal(error)) {
      await applyPaymentSignal(db(), { orderId: order.id, signal: "canceled", reason: "Stripe refused to create the PaymentIntent" });
    }
    throw new CheckoutRejection(500, E.failed);
  }
  if (!intent.client_secret) throw new Error(`PaymentIntent ${intent.id} has no client_secret`);
  return { clientSecret: intent.client_secret, orderId: order.id, beyondCap };
}
