/** Money is always an integer amount in the currency's minor unit (cents for eur/usd). */

const formatters = new Map<string, Intl.NumberFormat>();

/** One cached Intl formatter per language tag and currency. */
function formatter(currency: string, tag = "en-US"): Intl.NumberFormat {
  const key = `${tag}:${currency.toLowerCase()}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, { style: "currency", currency: currency.toUpperCase() });
    formatters.set(key, f);
  }
  return f;
}

/** Number of decimal digits of the currency's minor unit (2 for eur, 0 for jpy). */
export function minorUnitDigits(currency: string): number {
  return formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 1450, "eur" → "€14.50": amounts in API answers (the seed contracts write them this way). */
export function formatMoney(amountMinor: number, currency: string): string {
  return formatter(currency).format(amountMinor / 10 ** minorUnitDigits(currency));
}

export function isMinorAmount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

const INTL_LOCALES: Record<string, string> = { en: "en-US", fr: "fr-FR" };

/**
 * 1450, "eur", "fr" → "14,50 €"; 1600, "usd", "en" → "$16.00". What shoppers read, in their language.
 * (APIs keep formatMoney: their text is part of the seed contracts.) Intl separates the symbol with a
 * no-break space (U+00A0 or U+202F, depending on the locale data).
 */
export function formatMoneyFor(amountMinor: number, currency: string, locale: string): string {
  return formatter(currency, INTL_LOCALES[locale] ?? locale).format(amountMinor / 10 ** minorUnitDigits(currency));
}
