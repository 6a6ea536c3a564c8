import type { Db } from "../db";
import type { OrderItemRow } from "./queries";
import { StockShortageError, type StockShortage } from "./stock";
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

/** The cart an order is made from: locked and checked against the version read, then bound to the order. */
export interface CartBinding {
  id: string;
  number: string;
  version: number;
  orderId: string | null;
  uiMode: string;
}

/** The cart changed since it was read, or another checkout of it made an order first: nothing was written. */
export class CartMovedError extends Error {
  constructor(readonly orderId: string | null) {
    super("the cart changed before its order was made");
  }
}

const ORDER_DATES = ["expires_at", "paid_at", "created_at", "updated_at", "close_requested_at", "next_close_at", "stripe_checked_at"] as const;

function reviveOrder(json: Record<string, unknown>): OrderRow {
  const row = { ...json } as Record<string, unknown>;
  for (const k of ORDER_DATES) if (typeof row[k] === "string") row[k] = new Date(row[k] as string);
  return row as unknown as OrderRow;
}

/**
 * Takes the order's stock and inserts the pending order with its items and first event (and, from
 * a cart, locks the cart, checks it is the version read, and binds it) in ONE statement: the
 * database function order_create. One round trip, atomic on its own (or inside the caller's
 * transaction), and the variants' rows are locked only inside Postgres, never across a client round
 * trip: a flash sale's hot row stays hot for microseconds. Throws StockShortageError when a
 * variant lacks units and CartMovedError when the cart moved on; either way nothing is held.
 * `items` are the order_items rows it inserted (position = index in `lines`), as getOrderWithItems
 * reads them, so the caller needs no second read to build the Stripe object.
 */
export async function createOrder(conn: Db, input: CreateOrderInput, cart?: CartBinding): Promise<{ order: OrderRow; items: OrderItemRow[] }> {
  const payload = {
    user_id: input.userId,
    cart_id: cart?.id ?? input.cartId ?? null,
    cart_number: cart?.number ?? input.cartNumber ?? null,
    cart_version: cart?.version ?? input.cartVersion ?? null,
    cart: cart ? { id: cart.id, number: cart.number, version: cart.version, order_id: cart.orderId, ui_mode: cart.uiMode } : null,
    source: input.source,
    checkout_ui_mode: input.checkoutUiMode ?? null,
    return_origin: input.returnOrigin ?? null,
    currency: input.currency,
    idempotency_key: input.idempotencyKey ?? null,
    ttl_minutes: input.ttlMinutes,
    shipping: input.shipping ?? null,
    lines: input.lines.map((l) => ({
      product_id: l.productId,
      variant_id: l.variantId,
      price_id: l.priceId,
      name: l.name,
      variant_name: l.variantName,
      sku: l.sku,
      currency: l.currency,
      unit_amount: l.unitAmount,
      quantity: l.quantity,
      recurring_interval: l.recurring?.interval ?? null,
      recurring_interval_count: l.recurring?.interval_count ?? null,
      customization: l.customization ?? {},
    })),
  };
  const [row] = await conn<{ result: { order?: Record<string, unknown>; short?: StockShortage[]; moved?: boolean; order_id?: string | null } }[]>`
    select public.order_create(${conn.json(payload as never)}) as result`;
  const result = row!.result;
  if (result.short) throw new StockShortageError(result.short);
  if (result.moved) throw new CartMovedError(result.order_id ?? null);
  if (!result.order) throw new Error("order_create returned no order");
  const items = payload.lines.map((l, position): OrderItemRow => ({ position, ...l, stripe_line_item_id: null }));
  return { order: reviveOrder(result.order), items };
}
