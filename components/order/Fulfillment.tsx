import { getTranslations } from "next-intl/server";
import { carrierName } from "@/lib/admin/carriers";
import type { Fulfillment as FulfillmentState } from "@/lib/admin/fulfillment-view";
import type { Locale } from "@/lib/i18n/markets";

/** Where the parcel is, as the shop recorded it, with the carrier's tracking link. */
export async function Fulfillment({ fulfillment: f, locale, compact = false }: { fulfillment: FulfillmentState; locale: Locale; compact?: boolean }) {
  const t = await getTranslations({ locale, namespace: "Order" });
  const label = t("fulfillment", { status: f.status });
  const tracking = f.trackingNumber && (f.trackingUrl
    ? <a href={f.trackingUrl} rel="noopener noreferrer" data-testid="tracking-link">{compact ? t("track") : t("trackParcel", { number: f.trackingNumber })}</a>
    : <span>{carrierName(f.carrier)} {f.trackingNumber}</span>);
  if (compact) {
    return <><span data-testid="fulfillment-status" data-status={f.status}>{label}</span>{tracking && <> · {tracking}</>}</>;
  }
  return (
    <p>
      {t("delivery")} <strong data-testid="fulfillment-status" data-status={f.status}>{label}</strong>
      {f.status !== "unfulfilled" && f.carrier && <> {t("withCarrier", { carrier: carrierName(f.carrier) })}</>}
      {f.shippedAt && <> {t("onDate", { date: f.shippedAt.toISOString().slice(0, 10) })}</>}
      {tracking && <> · {tracking}</>}
    </p>
  );
}
