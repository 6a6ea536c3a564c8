type Maybe<T> = T | null | undefined | false;

/** Polls until fn returns a truthy value (webhooks and deliveries arrive asynchronously). */
export async function eventually<T>(fn: () => Maybe<T> | Promise<Maybe<T>>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
