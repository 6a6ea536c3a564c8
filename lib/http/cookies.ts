/** Minimal cookie parsing on the raw Request, so route handlers work outside Next's request scope too. */
export function readCookies(request: Request): { name: string; value: string }[] {
  const header = request.headers.get("cookie");
  if (!header) return [];
  const cookies: { name: string; value: string }[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    try {
      cookies.push({ name, value: decodeURIComponent(part.slice(eq + 1).trim()) });
    } catch {
      // A malformed value is as good as absent; it must not turn a request into a 500.
    }
  }
  return cookies;
}

export function readCookie(request: Request, name: string): string | null {
  return readCookies(request).find((c) => c.name === name)?.value ?? null;
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; secure: boolean; httpOnly?: boolean; sameSite?: "Lax" | "Strict" },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `Max-Age=${opts.maxAgeSeconds}`, `SameSite=${opts.sameSite ?? "Lax"}`];
  if (opts.httpOnly ?? true) parts.push("HttpOnly");
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}
