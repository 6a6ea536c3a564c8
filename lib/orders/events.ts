import type { Db } from "../db";

export async function recordOrderEvent(
  tx: Db,
  e: { orderId: string; type: string; from?: string | null; to?: string | null; stripeEventId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await tx`insert into order_events (order_id, type, from_status, to_status, stripe_event_id, detail)
           values (${e.orderId}, ${e.type}, ${e.from ?? null}, ${e.to ?? null}, ${e.stripeEventId ?? null},
                   ${tx.json((e.detail ?? {}) as never)})`;
}
