"use client";

// lib/i18n/markets.ts: LOCALE_COOKIE, CURRENCY_COOKIE, one year. Written out here: the header is in
// every page's first load.
const remember = (name: "locale" | "currency", value: string) => {
  document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
  // The server's rewrites read the cookie and serve the chosen market under the same URL (lib/i18n/market-rewrites.js).
  window.location.reload();
};

export type MarketText = { preferences: string; language: string; currency: string };

/** Language and currency choice: it only sets a cookie and reloads the page. Its words come translated from the server. */
export function MarketSwitcher({ locale, currency, text }: { locale: string; currency: string; text: MarketText }) {
  return (
    <form className="market" aria-label={text.preferences} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="market-locale">{text.language}</label>
      <select id="market-locale" value={locale} onChange={(e) => remember("locale", e.target.value)}>
        <option value="en" lang="en">English</option>
        <option value="fr" lang="fr">Français</option>
      </select>
      <label htmlFor="market-currency">{text.currency}</label>
      <select id="market-currency" value={currency} onChange={(e) => remember("currency", e.target.value)}>
        <option value="eur">EUR</option>
        <option value="usd">USD</option>
      </select>
    </form>
  );
}
