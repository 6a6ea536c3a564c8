import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { parseMarket, type Currency, type Locale, type Market } from "@/lib/i18n/markets";

export type MarketParams = { params: Promise<{ market: string }> };

/**
 * The market of the page being rendered, from the internal [market] segment. Every layout, page and
 * generateMetadata under app/[market] calls it first: it tells next-intl the locale for this render
 * (setRequestLocale), which keeps the page static (next-intl.dev/docs/routing/setup#static-rendering).
 */
export async function enterMarket(params: Promise<{ market: string }>): Promise<{ market: Market; locale: Locale; currency: Currency }> {
  const market = (await params).market;
  const parsed = parseMarket(market);
  if (!parsed) notFound();
  setRequestLocale(parsed.locale);
  return { market: market as Market, ...parsed };
}
