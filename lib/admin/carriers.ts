import { z } from "zod";

/** Carriers with a public tracking page; "other" keeps the number without a link. */
export const CARRIERS = {
  ups: { name: "UPS", track: "https://www.ups.com/track?tracknum=" },
  usps: { name: "USPS", track: "https://tools.usps.com/go/TrackConfirmAction?tLabels=" },
  fedex: { name: "FedEx", track: "https://www.fedex.com/fedextrack/?trknbr=" },
  dhl: { name: "DHL", track: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=" },
  laposte: { name: "La Poste / Colissimo", track: "https://www.laposte.fr/outils/suivre-vos-envois?code=" },
  other: { name: "Other carrier", track: null },
} as const satisfies Record<string, { name: string; track: string | null }>;

export type Carrier = keyof typeof CARRIERS;
export const carrierSchema = z.enum(Object.keys(CARRIERS) as [Carrier, ...Carrier[]]);
export const trackingNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{2,38}[A-Za-z0-9]$/, "tracking number: 4 to 40 letters, digits, spaces or dashes");

export function carrierName(carrier: string | null): string {
  return carrier && carrier in CARRIERS ? CARRIERS[carrier as Carrier].name : (carrier ?? "");
}

/** The carrier's public tracking page for a number, or null when the carrier has none. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  if (!carrier || !trackingNumber || !(carrier in CARRIERS)) return null;
  const base = CARRIERS[carrier as Carrier].track;
  return base ? base + encodeURIComponent(trackingNumber.replace(/\s+/g, "")) : null;
}
