/** Request body helpers shared by the route handlers. */

const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: "content_type" | "malformed" | "too_large" };

export function isJsonContentType(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  return /^application\/json\s*(;|$)/i.test(type.trim());
}

/** Reads a JSON body; an empty body reads as {} (the cart's clear/checkout calls send none). */
export async function readJson(request: Request, opts: { requireJsonType: boolean }): Promise<JsonBody> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, reason: "too_large" };
  if (text.trim() === "") {
    if (opts.requireJsonType && !isJsonContentType(request) && request.headers.has("content-type")) {
      return { ok: false, reason: "content_type" };
    }
    return { ok: true, value: {} };
  }
  if (opts.requireJsonType && !isJsonContentType(request)) return { ok: false, reason: "content_type" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
