/** How a shipping rate is named to shoppers: its name (the merchant's) and the delivery estimate, translated. */
type T = (key: "rateDays", values: { name: string; days: string }) => string;

export function rateLabelFor(t: T, rate: { name: string; min_days: number | null; max_days: number | null }): string {
  if (!rate.min_days || !rate.max_days) return rate.name;
  const days = rate.min_days === rate.max_days ? `${rate.min_days}` : `${rate.min_days}–${rate.max_days}`;
  return t("rateDays", { name: rate.name, days });
}

/** The same for a label lib/checkout/shipping.ts rateLabel already wrote in English ("Express shipping (1–2 business days)"). */
export function localizeRateLabel(t: T, label: string): string {
  const m = /^(.*) \((\d+(?:–\d+)?) business days\)$/.exec(label);
  return m ? t("rateDays", { name: m[1]!, days: m[2]! }) : label;
}
