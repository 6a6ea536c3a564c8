"use client";

import { NextIntlClientProvider } from "next-intl";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/markets";
import { apiErrorMessage, type ErrorKey } from "./api-errors";
import { useTranslations } from "./client";

type Messages = Record<string, unknown>;

/** The language's messages, as the next-intl plugin precompiles them (next.config.js). */
export async function errorMessages(locale: string): Promise<Messages> {
  const language = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return ((await import(`../../messages/${language}.json`)) as { default: Messages }).default;
}

function Text({ body, fallback }: { body: unknown; fallback: ErrorKey }) {
  return apiErrorMessage(body, fallback, useTranslations("Errors"));
}

/**
 * An API error in the shopper's words on a page without next-intl's client provider (the product
 * page: tests/e2e/js-budget.spec.ts). Load this module with import() when an error is shown. It
 * translates through the same provider and hook as every other page, not use-intl's createTranslator:
 * use-intl's modules are shared by all pages, so any other entry point would grow every page that
 * uses the provider (about 0.9 KB gzip on /cart, measured).
 */
export function ApiErrorText({ locale, messages, body, fallback }: { locale: string; messages: Messages; body: unknown; fallback: ErrorKey }) {
  return (
    <NextIntlClientProvider locale={locale} messages={{ Errors: messages.Errors } as Messages} timeZone="UTC">
      <Text body={body} fallback={fallback} />
    </NextIntlClientProvider>
  );
}
