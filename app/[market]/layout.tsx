import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { ErrorTextProvider } from "@/components/layout/ErrorText";
import { MARKETS } from "@/lib/i18n/markets";
import { enterMarket, type MarketParams } from "@/i18n/market";
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

// No NextIntlClientProvider here: pages whose client components translate wrap them in
// components/i18n/ClientIntl.tsx with the namespaces they need; everything else is translated on the server.
export default async function MarketLayout({ children, params }: { children: ReactNode } & MarketParams) {
  const { locale, currency } = await enterMarket(params);
  const [t, te] = await Promise.all([getTranslations({ locale, namespace: "Layout" }), getTranslations({ locale, namespace: "ErrorPage" })]);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">{t("skipLink")}</a>
        <SiteHeader locale={locale} currency={currency} />
        <main id="main">
          <ErrorTextProvider value={{ heading: te("heading"), body: te("body"), retry: te("retry") }}>{children}</ErrorTextProvider>
        </main>
      </body>
    </html>
  );
}
