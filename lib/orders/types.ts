import type { OrderStatus } from "./state";

export interface OrderLineInput {
  productId: number;
  variantId: number;
  priceId: string | null;
  name: string;
  variantName: string;
  sku: string;
  currency: string;
  unitAmount: number;
  quantity: number;
  recurring: { interval: string; interval_count: number } | null;
  customization?: Record<string, unknown>;
}

/** As Stripe collects it (Stripe.Address), stored on the paid order. */
export interface ShippingAddress {
  line1: string;
  line2?: string | null;
  city?: string | null;
  postal_code?: string | null;
  state?: string | null;
  country: string;
}

export interface OrderRow {
  id: string;
  user_id: string | null;
  cart_id: string | null;
  cart_number: string | null;
  status: OrderStatus;
  needs_review: boolean;
  review_reason: string | null;
  currency: string;
  amount_total: number;
  amount_shipping: number;
  shipping_option: string | null;
  source: "checkout_session" | "payment_intent";
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_subscription_id: string | null;
  idempotency_key: string | null;
  cart_version: number | null;
  checkout_ui_mode: string | null;
  stock_held: boolean;
  expires_at: Date;
  paid_at: Date | null;
  payment_processing: boolean;
  amount_refunded: number;
  dispute_status: string | null;
  close_requested_at: Date | null;
  close_attempts: number;
  next_close_at: Date | null;
  last_close_error: string | null;
  stripe_checked_at: Date | null;
  return_origin: string | null;
  shipping_name: string | null;
  shipping_address: ShippingAddress | null;
  /** Set when something in the order ships: where to and at which rates (lib/checkout/order-shipping.ts). */
  shipping_countries: string[] | null;
  shipping_rates: unknown;
  created_at: Date;
  updated_at: Date;
}

export class InsufficientStockError extends Error {
  constructor(public readonly variantIds: number[]) {
    super("Insufficient stock");
  }
}
