import { carrierName } from "@/lib/admin/carriers";
import type { Fulfillment as FulfillmentState } from "@/lib/admin/fulfillment-view";

const LABELS: Record<FulfillmentState["status"], string> = {
  unfulfilled: "Not shipped yet",
  shipped: "Shipped",
  delivered: "Delivered",
  returned: "Returned",
};

/** Where the parcel is, as the shop recorded it, with the carrier's tracking link. */
export function Fulfillment({ fulfillment: f, compact = false }: { fulfillment: FulfillmentState; compact?: boolean }) {
  const tracking = f.trackingNumber && (f.trackingUrl
    ? <a href={f.trackingUrl} rel="noopener noreferrer" data-testid="tracking-link">{compact ? "Track" : `Track parcel ${f.trackingNumber}`}</a>
    : <span>{carrierName(f.carrier)} {f.trackingNumber}</span>);
  if (compact) {
    return <><span data-testid="fulfillment-status" data-status={f.status}>{LABELS[f.status]}</span>{tracking && <> · {tracking}</>}</>;
  }
  return (
    <p>
      Delivery: <strong data-testid="fulfillment-status" data-status={f.status}>{LABELS[f.status]}</strong>
      {f.status !== "unfulfilled" && f.carrier && <> with {carrierName(f.carrier)}</>}
      {f.shippedAt && <> on {f.shippedAt.toISOString().slice(0, 10)}</>}
      {tracking && <> · {tracking}</>}
    </p>
  );
}
