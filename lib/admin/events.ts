import type { Db } from "../db";

/** A back-office action in the order's timeline, with the merchant who took it. */
export async function recordAdminEvent(
  tx: Db,
  e: { orderId: string; type: string; actorId: string; from?: string | null; to?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await tx`insert into order_events (order_id, type, from_status, to_status, actor_id, detail)
           values (${e.orderId}, ${e.type}, ${e.from ?? null}, ${e.to ?? null}, ${e.actorId}, ${tx.json((e.detail ?? {}) as never)})`;
}
