import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { loadMessages } from "@/i18n/request";
import type { Locale } from "@/lib/i18n/markets";

/** The message namespaces client components translate with useTranslations (components/i18n/client.ts). */
export type ClientNamespace = "Cart" | "Checkout" | "Shipping" | "Errors" | "Order" | "Auth";

/**
 * next-intl's client provider around one page's client components, with only the namespaces they
 * translate. It is not in the market layout: the header, the catalog and the product page translate
 * on the server, so their first load carries neither use-intl nor any messages
 * (tests/e2e/js-budget.spec.ts).
 */
export async function ClientIntl({ locale, namespaces, children }: { locale: Locale; namespaces: readonly ClientNamespace[]; children: ReactNode }) {
  const messages = (await loadMessages(locale)) as Record<string, unknown>;
  return (
    <NextIntlClientProvider locale={locale} messages={Object.fromEntries(namespaces.map((n) => [n, messages[n]]))} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}
