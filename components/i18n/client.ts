/**
 * What client components translate with: next-intl's useTranslations and useLocale, taken from
 * use-intl, the package next-intl builds them on (next-intl's own client entry re-exports them, only
 * wrapped to reword an error). Importing that entry keeps useFormatter and its date, list and
 * relative-time formatting in the first load, about 0.9 KB gzip this shop never uses
 * (tests/e2e/js-budget.spec.ts). The provider stays next-intl's NextIntlClientProvider, around the
 * pages that translate in the browser only (components/i18n/ClientIntl.tsx).
 */
export { useLocale, useTranslations } from "use-intl/react";
