"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { CURRENCIES, CURRENCY_COOKIE, LANGUAGE_NAMES, LOCALE_COOKIE, LOCALES, PREFERENCE_COOKIE_MAX_AGE, type Currency, type Locale } from "@/lib/i18n/markets";

/**
 * Language and currency choice. It only sets a cookie and reloads: the server's rewrites read the
 * cookies and serve the page of the chosen market under the same URL (lib/i18n/market-rewrites.js).
 */
export function MarketSwitcher({ locale, currency }: { locale: Locale; currency: Currency }) {
  const t = useTranslations("Market");
  const id = useId();
  const choose = (name: string, value: string) => {
    document.cookie = `${name}=${value}; Path=/; Max-Age=${PREFERENCE_COOKIE_MAX_AGE}; SameSite=Lax`;
    window.location.reload();
  };
  return (
    <form className="market" aria-label={t("preferences")} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-locale`}>{t("language")}</label>
      <select id={`${id}-locale`} value={locale} onChange={(e) => choose(LOCALE_COOKIE, e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>
        ))}
      </select>
      <label htmlFor={`${id}-currency`}>{t("currency")}</label>
      <select id={`${id}-currency`} value={currency} onChange={(e) => choose(CURRENCY_COOKIE, e.target.value)}>
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>{c.toUpperCase()}</option>
        ))}
      </select>
    </form>
  );
}
