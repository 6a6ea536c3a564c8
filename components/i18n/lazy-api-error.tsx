import type { ReactNode } from "react";
import type { ErrorKey } from "./api-errors";

/**
 * An API error body in the shopper's words, for client components that get their other words from
 * the server: the Errors messages and next-intl's provider load only now (ApiErrorText.tsx); if they
 * cannot load (offline), the generic sentence the server gave (`fallbackText`).
 */
export async function lazyApiError(body: unknown, fallback: ErrorKey, locale: string, fallbackText: string): Promise<ReactNode> {
  try {
    const { ApiErrorText, errorMessages } = await import("./ApiErrorText");
    return <ApiErrorText locale={locale} messages={await errorMessages(locale)} body={body} fallback={fallback} />;
  } catch {
    return fallbackText;
  }
}
