import type { Db } from "../db";

/**
 * The order state machine lives in the database (supabase/migrations/*_order_state_functions.sql:
 * order_transition, order_apply_signal, …) so that a webhook is applied in one statement. These are
 * the typed doors to it; each call is one round trip and atomic on its own.
 */
export type ApplyOutcome = "applied" | "ignored" | "review" | "no_order";
export type PaymentSignal = "succeeded" | "failed" | "canceled" | "refunded";

export interface PaymentSignalInput {
  orderId: string;
  signal: PaymentSignal;
  stripeEventId?: string | null;
  /** What Stripe says was charged; checked against the order before it may become paid. */
  amount?: { total: number; currency: string | null } | null;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** Moves one order by one payment signal (order row locked for the statement). */
export async function applyPaymentSignal(conn: Db, input: PaymentSignalInput): Promise<ApplyOutcome> {
  const [row] = await conn<{ outcome: ApplyOutcome }[]>`
    select public.order_apply_signal(${input.orderId}::uuid, ${input.signal}, ${input.stripeEventId ?? null},
      ${input.amount?.total ?? null}::int, ${input.amount?.currency ?? null}, ${input.reason ?? null},
      ${input.detail ? conn.json(input.detail as never) : null}::jsonb) as outcome`;
  return row!.outcome;
}

/** A Checkout Session Stripe reports paid; a cart awaiting reconciliation flags it for review instead. */
export async function settlePaidSession(
  conn: Db,
  p: { orderId: string; amount: { total: number; currency: string | null }; stripeEventId?: string | null; reason?: string },
): Promise<ApplyOutcome> {
  const [row] = await conn<{ outcome: ApplyOutcome }[]>`
    select public.order_settle_paid_session(${p.orderId}::uuid, ${p.amount.total}::int, ${p.amount.currency},
      ${p.stripeEventId ?? null}, ${p.reason ?? null}) as outcome`;
  return row!.outcome;
}

/** A delayed payment is settling: the order keeps its stock and the expiry cron leaves it alone. */
export async function markProcessing(conn: Db, orderId: string, stripeEventId: string | null, reason: string): Promise<ApplyOutcome> {
  const [row] = await conn<{ outcome: ApplyOutcome }[]>`
    select public.order_mark_processing(${orderId}::uuid, ${stripeEventId}, ${reason}) as outcome`;
  return row!.outcome;
}
