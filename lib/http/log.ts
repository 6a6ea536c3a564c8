/** Unknown failures: log the cause server-side, never send it to the client. */
export function logError(context: string, error: unknown): void {
  console.error(`[${context}]`, error instanceof Error ? (error.stack ?? error.message) : error);
}
