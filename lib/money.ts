/** Money is always an integer amount in the currency's minor unit (cents for eur/usd). */

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string): Intl.NumberFormat {
  const key = currency.toLowerCase();
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency: key.toUpperCase() });
    formatters.set(key, f);
  }
  return f;
}

/** Number of decimal digits of the currency's minor unit (2 for eur, 0 for jpy). */
export function minorUnitDigits(currency: string): number {
  return formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 1450, "eur" → "€14.50". The one place amounts become text. */
export function formatMoney(amountMinor: number, currency: string): string {
  return formatter(currency).format(amountMinor / 10 ** minorUnitDigits(currency));
}

export function isMinorAmount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}
