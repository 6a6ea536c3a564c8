import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/markets";

/** The messages of a locale, as the next-intl plugin loads (and precompiles) them from messages/. */
export async function loadMessages(locale: Locale) {
  return (await import(`../messages/${locale}.json`)).default;
}

/**
 * next-intl's per-request configuration (next-intl.dev/docs/usage/configuration#i18n-request), without
 * its middleware: the locale is the one the [market] layout and pages set with setRequestLocale (or pass
 * as `locale` to getTranslations), so pages stay statically rendered per market.
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
