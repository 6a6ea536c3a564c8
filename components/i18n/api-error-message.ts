import type { ErrorKey, Translate } from "./api-errors";

/**
 * apiErrorMessage, loaded when an error is first shown: the table of known API sentences is not part
 * of any page's first load (tests/e2e/js-budget.spec.ts).
 */
export async function translateApiError(body: unknown, fallback: ErrorKey, t: Translate): Promise<string> {
  try {
    const { apiErrorMessage } = await import("./api-errors");
    return apiErrorMessage(body, fallback, t);
  } catch {
    return t(fallback);
  }
}
