import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { CartBadge } from "@/components/cart/CartBadge";
import { countLabels } from "@/components/cart/count-label";
import { AccountMenu } from "@/components/account/AccountMenu";
import { MarketSwitcher } from "@/components/layout/MarketSwitcher";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import type { Currency, Locale } from "@/lib/i18n/markets";

/**
 * The same for every visitor of a market (per-shopper parts load in the browser), so catalog pages can be cached.
 * Translated here, on the server: its client parts get their words as props, so no page needs use-intl for its header.
 */
export async function SiteHeader({ locale, currency }: { locale: Locale; currency: Currency }) {
  const [t, tm, ta, tc] = await Promise.all([
    getTranslations({ locale, namespace: "Layout" }),
    getTranslations({ locale, namespace: "Market" }),
    getTranslations({ locale, namespace: "Account" }),
    getTranslations({ locale, namespace: "Cart" }),
  ]);
  return (
    <header className="site-header">
      <NavLink href="/" className="brand">Ridge &amp; Kettle</NavLink>
      <nav aria-label={t("mainNav")}>
        <NavLink href="/">{t("shop")}</NavLink>
        <AccountMenu config={publicSupabaseConfig()} text={{ signIn: ta("signIn"), myOrders: ta("myOrders"), signOut: ta("signOut") }} />
        <CartBadge locale={locale} text={tc("link")} labels={countLabels(locale, (count) => tc("linkLabel", { count }))} />
      </nav>
      <MarketSwitcher locale={locale} currency={currency} text={{ preferences: tm("preferences"), language: tm("language"), currency: tm("currency") }} />
    </header>
  );
}
