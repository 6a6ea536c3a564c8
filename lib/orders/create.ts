import type { Tx } from "../db";
import { recordOrderEvent } from "./events";
import { aggregateNeeds, takeStock } from "./stock";
import { InsufficientStockError, type OrderLineInput, type OrderRow } from "./types";

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
}

export function orderTotal(lines: Pick<OrderLineInput, "unitAmount" | "quantity">[]): number {
  return lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
}

/**
 * Inserts a pending order with its items and takes their stock, inside the caller's transaction.
 * Throws InsufficientStockError (the caller's transaction must then roll back: nothing is held).
 */
export async function createOrder(tx: Tx, input: CreateOrderInput): Promise<OrderRow> {
  const short = await takeStock(tx, aggregateNeeds(input.lines));
  if (short.length > 0) throw new InsufficientStockError(short);

  const [order] = await tx<OrderRow[]>`
    insert into orders (user_id, cart_id, cart_number, cart_version, source, checkout_ui_mode, return_origin, currency,
                        amount_total, idempotency_key, expires_at)
    values (${input.userId}, ${input.cartId ?? null}, ${input.cartNumber ?? null}, ${input.cartVersion ?? null},
            ${input.source}, ${input.checkoutUiMode ?? null}, ${input.returnOrigin ?? null}, ${input.currency}, ${orderTotal(input.lines)},
            ${input.idempotencyKey ?? null}, now() + make_interval(mins => ${input.ttlMinutes + 1}))
    returning *`;
  if (!order) throw new Error("order insert returned nothing");

  const l = input.lines;
  await tx`
    insert into order_items (order_id, position, product_id, variant_id, price_id, name, variant_name, sku, currency,
                             unit_amount, quantity, recurring_interval, recurring_interval_count, customization)
    select ${order.id}, t.position, t.product_id, t.variant_id, t.price_id, t.name, t.variant_name, t.sku, t.currency,
           t.unit_amount, t.quantity, t.recurring_interval, t.recurring_interval_count, t.customization::jsonb
    from unnest(
      ${l.map((_, i) => i)}::int[], ${l.map((x) => x.productId)}::bigint[], ${l.map((x) => x.variantId)}::bigint[],
      ${l.map((x) => x.priceId)}::text[], ${l.map((x) => x.name)}::text[], ${l.map((x) => x.variantName)}::text[],
      ${l.map((x) => x.sku)}::text[], ${l.map((x) => x.currency)}::text[], ${l.map((x) => x.unitAmount)}::int[],
      ${l.map((x) => x.quantity)}::int[], ${l.map((x) => x.recurring?.interval ?? null)}::text[],
      ${l.map((x) => x.recurring?.interval_count ?? null)}::int[],
      ${l.map((x) => JSON.stringify(x.customization ?? {}))}::text[]
    ) as t(position, product_id, variant_id, price_id, name, variant_name, sku, currency, unit_amount, quantity,
           recurring_interval, recurring_interval_count, customization)`;
  await recordOrderEvent(tx, { orderId: order.id, type: "created", to: "pending", detail: { source: input.source } });
  return order;
}
