import { db } from "../db";
import { logError } from "../http/log";
import { closeUnpaidOrder } from "./close";
import { refreshFromStripe } from "./refresh";
import type { OrderRow } from "./types";

export interface SweepResult {
  /** Canceled at Stripe and locally, stock released. */
  expired: number;
  /** Settled from Stripe's own state instead (paid, processing, closed by Stripe, declined). */
  settled: number;
  /** Due, but left alone: flagged for review or a delayed payment still processing. */
  skipped: number;
  /** Stripe's answer was unknown: retried later with backoff. */
  failed: number;
}

export interface SweepOptions {
  /** Orders closed per run. */
  closeLimit?: number;
  /** Stripe reads per run for pending orders whose webhook never came. */
  confirmLimit?: number;
  /** Pending for longer than this, an order is checked against Stripe. */
  confirmAfterMinutes?: number;
  /** And checked again no sooner than this. */
  recheckMinutes?: number;
  /** No new Stripe call starts after this long: the rest waits for the next run (a cron has a time limit). */
  budgetMs?: number;
}

/**
 * The cron's one run: closes unpaid orders past their reservation (or whose cart moved on), then
 * heals missed webhooks by reading pending orders' Stripe objects. Orders under review or with a
 * payment processing are never closed; an order whose close fails waits its backoff at the back of
 * the queue, so it cannot block the others. Idempotent and safe from any number of instances.
 */
export async function sweepOrders(opts: SweepOptions = {}): Promise<SweepResult> {
  const result: SweepResult = { expired: 0, settled: 0, skipped: 0, failed: 0 };
  const deadline = Date.now() + (opts.budgetMs ?? 45_000);
  await closeDue(opts.closeLimit ?? 100, deadline, result);
  if (Date.now() < deadline) await confirmPending(opts, deadline, result);
  return result;
}

async function closeDue(limit: number, deadline: number, result: SweepResult): Promise<void> {
  const [counted] = await db()<{ skipped: number }[]>`
    select count(*)::int as skipped from orders
    where status in ('pending', 'failed') and (expires_at < now() or close_requested_at is not null)
      and (needs_review or payment_processing)`;
  result.skipped += counted?.skipped ?? 0;
  const due = await db()<{ id: string }[]>`
    select id from orders
    where status in ('pending', 'failed') and not needs_review and not payment_processing
      and (expires_at < now() or close_requested_at is not null)
      and coalesce(next_close_at, least(expires_at, close_requested_at)) <= now()
    order by coalesce(next_close_at, least(expires_at, close_requested_at))
    limit ${limit}`;
  for (const { id } of due) {
    if (Date.now() >= deadline) break;
    try {
      const outcome = await closeUnpaidOrder(id, "reservation expired");
      if (outcome === "closed") result.expired++;
      else if (outcome === "unknown") result.failed++;
      else if (outcome === "paid" || outcome === "processing") result.settled++;
    } catch (error) {
      logError(`sweep: close order ${id}`, error);
      result.failed++;
    }
  }
}

async function confirmPending(opts: SweepOptions, deadline: number, result: SweepResult): Promise<void> {
  const stale = await db()<OrderRow[]>`
    update orders set stripe_checked_at = now()
    where id in (
      select id from orders
      where status in ('pending', 'failed')
        and created_at < now() - make_interval(mins => ${opts.confirmAfterMinutes ?? 10})
        and (stripe_checked_at is null or stripe_checked_at < now() - make_interval(mins => ${opts.recheckMinutes ?? 5}))
        and (stripe_checkout_session_id is not null or stripe_payment_intent_id is not null)
      order by stripe_checked_at nulls first, created_at
      limit ${opts.confirmLimit ?? 25}
      for update skip locked)
    returning *`;
  for (const order of stale) {
    if (Date.now() >= deadline) {
      // Claimed but not read: let the next run take it first.
      await db()`update orders set stripe_checked_at = null where id = ${order.id}`;
      continue;
    }
    try {
      if ((await refreshFromStripe(order, "read from Stripe by the cron (webhook missing)")) === "applied") result.settled++;
    } catch (error) {
      logError(`sweep: confirm order ${order.id}`, error);
    }
  }
}
