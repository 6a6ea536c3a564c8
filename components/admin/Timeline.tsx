import type { TimelineEvent } from "@/lib/admin/order-detail";

/** The order's full history, oldest first: who (merchant or Stripe) did what, with the details kept. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p>No events yet.</p>;
  return (
    <ol className="admin-timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} data-type={e.type}>
          <time dateTime={e.created_at.toISOString()}>{e.created_at.toISOString().replace("T", " ").slice(0, 19)}</time>{" "}
          <strong>{e.type}</strong>
          {e.from_status !== e.to_status && e.to_status && <> ({e.from_status ?? "·"} → {e.to_status})</>}
          {" · "}
          <span className="muted">{e.actor_id ? `by ${e.actor_email ?? e.actor_id}` : e.stripe_event_id ? `Stripe ${e.stripe_event_id}` : "shop"}</span>
          {Object.keys(e.detail).length > 0 && <div><code>{JSON.stringify(e.detail)}</code></div>}
        </li>
      ))}
    </ol>
  );
}
