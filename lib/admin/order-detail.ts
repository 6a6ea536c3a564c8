import { db } from "../db";
import { getOrderWithItems, type OrderWithItems } from "../orders/queries";
import { fulfillmentOf, type Fulfillment } from "./fulfillment-view";

export interface TimelineEvent {
  id: number;
  created_at: Date;
  type: string;
  from_status: string | null;
  to_status: string | null;
  stripe_event_id: string | null;
  detail: Record<string, unknown>;
  actor_id: string | null;
  actor_email: string | null;
}

export interface AdminOrder {
  order: OrderWithItems;
  email: string | null;
  fulfillment: Fulfillment;
  events: TimelineEvent[];
}

export async function adminOrder(id: string): Promise<AdminOrder | null> {
  const order = await getOrderWithItems(id);
  if (!order) return null;
  const sql = db();
  const [[user], events] = await Promise.all([
    sql<{ email: string | null }[]>`select email from auth.users where id = ${order.user_id}`,
    sql<TimelineEvent[]>`
      select e.id, e.created_at, e.type, e.from_status, e.to_status, e.stripe_event_id, e.detail, e.actor_id, u.email as actor_email
      from order_events e left join auth.users u on u.id = e.actor_id
      where e.order_id = ${id} order by e.id`,
  ]);
  return { order, email: user?.email ?? null, fulfillment: fulfillmentOf(order), events };
}
