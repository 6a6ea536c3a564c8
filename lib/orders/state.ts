/**
 * The order state machine of DESIGN.md, as a pure function.
 *   pending ──succeeded──▶ paid ──refunded (full)──▶ refunded (terminal; stock stays sold)
 *   pending ──failed─────▶ failed ──succeeded──▶ paid
 *   pending|failed ──canceled──▶ canceled (stock released)
 */
export type OrderStatus = "pending" | "paid" | "failed" | "canceled" | "refunded";
export type PaymentSignal = "succeeded" | "failed" | "canceled" | "refunded";

export const OPEN_STATUSES: readonly OrderStatus[] = ["pending", "failed"];

export function isOpen(status: OrderStatus): boolean {
  return status === "pending" || status === "failed";
}

export interface Transition {
  to: OrderStatus;
  /** false: the signal is recorded in order_events and changes nothing. */
  changes: boolean;
  releaseStock: boolean;
  /** Something a merchant must look at (money taken for a canceled order). */
  review: string | null;
}

export function transition(from: OrderStatus, signal: PaymentSignal): Transition {
  const same = (review: string | null = null): Transition => ({ to: from, changes: false, releaseStock: false, review });
  switch (signal) {
    case "succeeded":
      if (isOpen(from)) return { to: "paid", changes: true, releaseStock: false, review: null };
      if (from === "canceled") {
        return { to: "paid", changes: true, releaseStock: false, review: "Payment succeeded after the order was canceled (stock had been released)" };
      }
      return same();
    case "failed":
      if (from === "pending") return { to: "failed", changes: true, releaseStock: false, review: null };
      return same();
    case "canceled":
      if (isOpen(from)) return { to: "canceled", changes: true, releaseStock: true, review: null };
      return same();
    case "refunded":
      if (from === "paid") return { to: "refunded", changes: true, releaseStock: false, review: null };
      return same();
  }
}
