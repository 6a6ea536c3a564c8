// "Bearer" (any case), one space, one token of visible ASCII: no lists, no extra spaces, no empty token.
const BEARER = /^bearer ([\x21-\x7e]+)$/i;
const MAX_TOKEN_LENGTH = 16 * 1024;

/** The token of an `Authorization: Bearer <token>` header, or null when absent or malformed. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header || header.length > MAX_TOKEN_LENGTH + 7) return null;
  return BEARER.exec(header)?.[1] ?? null;
}
