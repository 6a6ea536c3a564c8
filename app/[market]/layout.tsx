import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { MARKETS } from "@/lib/i18n/markets";
import { enterMarket, type MarketParams } from "@/i18n/market";
import { loadMessages } from "@/i18n/request";
import "../globals.css";

/** Every market is known at build time: each catalog page is cached once per market. */
export function generateStaticParams(): { market: string }[] {
  return MARKETS.map((market) => ({ market }));
}

export async function generateMetadata({ params }: MarketParams): Promise<Metadata> {
  const { locale } = await enterMarket(params);
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return { title: { default: t("siteName"), template: `%s · ${t("siteName")}` }, description: t("description") };
}

// What client components translate in the browser; the server-only namespaces stay on the server.
const CLIENT_NAMESPACES = ["Market", "ErrorPage", "Product", "Cart", "Checkout", "Shipping", "Errors", "Order", "Account", "Auth"] as const;

export default async function MarketLayout({ children, params }: { children: ReactNode } & MarketParams) {
  const { locale, currency } = await enterMarket(params);
  const t = await getTranslations({ locale, namespace: "Layout" });
  const messages = await loadMessages(locale);
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((n) => [n, messages[n]]));
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={clientMessages} timeZone="UTC">
          <a className="skip-link" href="#main">{t("skipLink")}</a>
          <SiteHeader locale={locale} currency={currency} />
          <main id="main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
