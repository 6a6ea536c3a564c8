/**
 * Order statuses. The transitions themselves are a database function (order_transition in
 * supabase/migrations/*_order_state_functions.sql), applied by order_apply_signal:
 *   pending ──succeeded──▶ paid ──refunded (full)──▶ refunded (terminal; stock stays sold)
 *   pending ──failed─────▶ failed ──succeeded──▶ paid
 *   pending|failed ──canceled──▶ canceled (stock released)
 */
export type OrderStatus = "pending" | "paid" | "failed" | "canceled" | "refunded";

/** Unpaid and still holding (or able to hold) stock: the statuses Stripe may still move. */
export function isOpen(status: OrderStatus): boolean {
  return status === "pending" || status === "failed";
}
