import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { parseMarket, type Currency, type Locale, type Market } from "@/lib/i18n/markets";

export type MarketParams = { params: Promise<{ market: string }> };
/** A page that also reads its query string. */
export type MarketSearchParams = MarketParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

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

/** A page's generateMetadata when its title is one message of the Metadata namespace. */
export function titledBy(key: string) {
  return async function generateMetadata({ params }: MarketParams): Promise<Metadata> {
    const { locale } = await enterMarket(params);
    return { title: (await getTranslations({ locale, namespace: "Metadata" }))(key) };
  };
}
