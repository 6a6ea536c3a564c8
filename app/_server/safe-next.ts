const FALLBACK = "/";
const MAX_LENGTH = 2048;
// A base no real request can have: relative targets resolve against it, absolute ones must match `origin`.
const PLACEHOLDER_ORIGIN = "http://shop.invalid";

/**
 * Where to send the shopper after signing in, signing up, confirming or resetting: `value` only
 * when it resolves to the shop's own origin, as a path (`/cart?x#y`), else "/".
 *
 * The URL parser decides, not a prefix check: browsers drop tabs and newlines, read `\` as `/` and
 * treat `//host` as another origin, so any of those, or any control character, refuses the value.
 * An absolute URL is accepted only with the shop's own `origin`. The result never starts with
 * `//` (`/.//evil.example` normalizes to `//evil.example`, which a browser would leave the site for).
 */
export function safeNext(value: string | string[] | undefined | null, origin?: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length > MAX_LENGTH) return FALLBACK;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return FALLBACK;
  const shop = originOf(origin) ?? PLACEHOLDER_ORIGIN;
  let target: URL;
  try {
    target = new URL(raw, `${shop}/`);
  } catch {
    return FALLBACK;
  }
  if (target.origin !== shop || target.username !== "" || target.password !== "") return FALLBACK;
  const path = `${target.pathname}${target.search}${target.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : FALLBACK;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
