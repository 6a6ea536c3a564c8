import crypto from "node:crypto";
import type { Tx } from "../db";
import { adjustStock, aggregateNeeds, StockShortageError, type StockShortage } from "./stock";
import type { OrderLineInput, OrderRow } from "./types";

export interface CreateOrderInput {
  userId: string | null;
  cartId?: string | null;
  cartNumber?: string | null;
  cartVersion?: number | null;
  source: OrderRow["source"];
  checkoutUiMode?: string | null;
  /** The shop origin used in Stripe redirect URLs (kept so a retried create sends the same request). */
  returnOrigin?: string | null;
  currency: string;
  lines: OrderLineInput[];
  idempotencyKey?: string | null;
  ttlMinutes: number;
  shipping?: OrderShipping | null;
}

export function orderTotal(lines: Pick<OrderLineInput, "unitAmount" | "quantity">[]): number {
  return lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
}

/** What the order offers for shipping, fixed when it is created (lib/checkout/order-shipping.ts). */
export interface OrderShipping {
  countries: string[];
  rates: unknown[];
  /** The preselected rate, whose amount is in the total. */
  option: string | null;
  amount: number;
}

export interface OrderBatch {
  /** Statements to run first, in the same batch (a caller's lock). */
  before?: PromiseLike<unknown>[];
  /** Statements to run after the order's, in the same batch (they may use its id). */
  after?: (orderId: string) => PromiseLike<unknown>[];
  /** Looks at the results of `before` first (throw to roll back, e.g. when the locked row changed). */
  verify?: (before: unknown[]) => void;
}

/**
 * Takes the order's stock and inserts the pending order with its items and first event, inside the
 * caller's transaction, in one round trip: the statements are pipelined (sent together, run in order
 * by Postgres), so a checkout is BEGIN, this batch and COMMIT. The order id is made here for that.
 * Throws InsufficientStockError when a variant lacks units: the caller's transaction then rolls back
 * and nothing is held. Returns the order and the results of the caller's statements.
 */
export async function createOrder(tx: Tx, input: CreateOrderInput, batch: OrderBatch = {}): Promise<{ order: OrderRow; after: unknown[] }> {
  const id = crypto.randomUUID();
  const l = input.lines;
  const ship = input.shipping ?? null;
  const before = batch.before ?? [];
  const after = batch.after?.(id) ?? [];
  const results = await Promise.all([
    ...before,
    adjustStock(tx, aggregateNeeds(l).map((n) => ({ variantId: n.variantId, delta: -n.quantity }))),
    tx<OrderRow[]>`
      insert into orders (id, user_id, cart_id, cart_number, cart_version, source, checkout_ui_mode, return_origin, currency,
                          amount_total, idempotency_key, expires_at, shipping_countries, shipping_rates, shipping_option, amount_shipping)
      values (${id}, ${input.userId}, ${input.cartId ?? null}, ${input.cartNumber ?? null}, ${input.cartVersion ?? null},
              ${input.source}, ${input.checkoutUiMode ?? null}, ${input.returnOrigin ?? null}, ${input.currency},
              ${orderTotal(l) + (ship?.amount ?? 0)}, ${input.idempotencyKey ?? null}, now() + make_interval(mins => ${input.ttlMinutes + 1}),
              ${ship?.countries ?? null}, ${ship ? tx.json(ship.rates as never) : null}, ${ship?.option ?? null}, ${ship?.amount ?? 0})
      returning *`,
    tx`
      insert into order_items (order_id, position, product_id, variant_id, price_id, name, variant_name, sku, currency,
                               unit_amount, quantity, recurring_interval, recurring_interval_count, customization)
      select ${id}, t.position, t.product_id, t.variant_id, t.price_id, t.name, t.variant_name, t.sku, t.currency,
             t.unit_amount, t.quantity, t.recurring_interval, t.recurring_interval_count, t.customization::jsonb
      from unnest(
        ${l.map((_, i) => i)}::int[], ${l.map((x) => x.productId)}::bigint[], ${l.map((x) => x.variantId)}::bigint[],
        ${l.map((x) => x.priceId)}::text[], ${l.map((x) => x.name)}::text[], ${l.map((x) => x.variantName)}::text[],
        ${l.map((x) => x.sku)}::text[], ${l.map((x) => x.currency)}::text[], ${l.map((x) => x.unitAmount)}::int[],
        ${l.map((x) => x.quantity)}::int[], ${l.map((x) => x.recurring?.interval ?? null)}::text[],
        ${l.map((x) => x.recurring?.interval_count ?? null)}::int[],
        ${l.map((x) => JSON.stringify(x.customization ?? {}))}::text[]
      ) as t(position, product_id, variant_id, price_id, name, variant_name, sku, currency, unit_amount, quantity,
             recurring_interval, recurring_interval_count, customization)`,
    tx`insert into order_events (order_id, type, to_status, detail)
       values (${id}, 'created', 'pending', ${tx.json({ source: input.source })})`,
    ...after,
  ]);
  batch.verify?.(results.slice(0, before.length));
  const short = results[before.length] as StockShortage[];
  if (short.length > 0) throw new StockShortageError(short);
  const [order] = results[before.length + 1] as OrderRow[];
  if (!order) throw new Error("order insert returned nothing");
  return { order, after: results.slice(before.length + 4) };
}
