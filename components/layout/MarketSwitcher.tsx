"use client";

import { useTranslations } from "@/components/i18n/client";

// lib/i18n/markets.ts: LOCALE_COOKIE, CURRENCY_COOKIE, one year. Written out here: the header is in
// every page's first load.
const remember = (name: "locale" | "currency", value: string) => {
  document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
  // The server's rewrites read the cookie and serve the chosen market under the same URL (lib/i18n/market-rewrites.js).
  window.location.reload();
};

/** Language and currency choice: it only sets a cookie and reloads the page. */
export function MarketSwitcher({ locale, currency }: { locale: string; currency: string }) {
  const t = useTranslations("Market");
  return (
    <form className="market" aria-label={t("preferences")} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="market-locale">{t("language")}</label>
      <select id="market-locale" value={locale} onChange={(e) => remember("locale", e.target.value)}>
        <option value="en" lang="en">English</option>
        <option value="fr" lang="fr">Français</option>
      </select>
      <label htmlFor="market-currency">{t("currency")}</label>
      <select id="market-currency" value={currency} onChange={(e) => remember("currency", e.target.value)}>
        <option value="eur">EUR</option>
        <option value="usd">USD</option>
      </select>
    </form>
  );
}
