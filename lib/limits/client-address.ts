import net from "node:net";
import type { Limits } from "./config";

/**
 * The client's address, only when a trusted proxy put it in a header. Vercel overwrites
 * `x-forwarded-for` with the address that connected to it and forwards no external value
 * ("to prevent IP spoofing": https://vercel.com/docs/headers/request-headers#x-forwarded-for), so
 * there the header is the client. Anywhere else the header is whatever the client sent: null.
 */
export function trustedClientAddress(request: Request, trust: Limits["trustProxyHeaders"]): string | null {
  if (trust !== "vercel") return null;
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first && net.isIP(first) ? first.toLowerCase() : null;
}
