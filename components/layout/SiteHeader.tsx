import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CartBadge } from "@/components/cart/CartBadge";
import { AccountMenu } from "@/components/account/AccountMenu";
import { MarketSwitcher } from "@/components/layout/MarketSwitcher";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import type { Currency, Locale } from "@/lib/i18n/markets";

/** The same for every visitor of a market (per-shopper parts load in the browser), so catalog pages can be cached. */
export async function SiteHeader({ locale, currency }: { locale: Locale; currency: Currency }) {
  const t = await getTranslations({ locale, namespace: "Layout" });
  return (
    <header className="site-header">
      <Link href="/" className="brand">Ridge &amp; Kettle</Link>
      <nav aria-label={t("mainNav")}>
        <Link href="/">{t("shop")}</Link>
        <AccountMenu config={publicSupabaseConfig()} />
        <CartBadge />
      </nav>
      <MarketSwitcher locale={locale} currency={currency} />
    </header>
  );
}
