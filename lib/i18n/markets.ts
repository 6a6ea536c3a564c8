/**
 * A market is the shopper's language and currency together. Shopper pages live under the internal
 * segment app/[market] (one static copy of each catalog page per market); next.config.js rewrites the
 * public URL to it from the `locale` and `currency` cookies or Accept-Language (lib/i18n/market-rewrites.js).
 */
export const LOCALES = ["en", "fr"] as const;
export const CURRENCIES = ["eur", "usd"] as const;
export type Locale = (typeof LOCALES)[number];
export type Currency = (typeof CURRENCIES)[number];
export type Market = `${Locale}-${Currency}`;

export const DEFAULT_LOCALE: Locale = "en";
export const MARKETS: Market[] = LOCALES.flatMap((l) => CURRENCIES.map((c) => `${l}-${c}` as Market));

/** Cookie names the header switchers set and the rewrites read (components/layout/MarketSwitcher.tsx writes them out). */
export const LOCALE_COOKIE = "locale";
export const CURRENCY_COOKIE = "currency";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

export function parseMarket(value: string): { locale: Locale; currency: Currency } | null {
  const [locale, currency, ...rest] = value.split("-");
  if (rest.length > 0 || !isLocale(locale) || !isCurrency(currency)) return null;
  return { locale, currency };
}
