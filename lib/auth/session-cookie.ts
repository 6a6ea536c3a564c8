/**
 * @supabase/ssr keeps the session in `sb-<project-ref>-auth-token`, or in chunks `….0`, `….1` when
 * it is long (@supabase/ssr src/utils/chunker.ts). The same pattern is in proxy.ts's matcher,
 * which has to be a literal.
 */
export const SESSION_COOKIE_NAME = /^sb-[^=;\s]+-auth-token(\.\d+)?$/;

/** Whether a Cookie header (or document.cookie) carries a Supabase session. */
export function hasSessionCookie(cookieHeader: string): boolean {
  return cookieHeader.split(/;\s*/).some((pair) => {
    const eq = pair.indexOf("=");
    return eq > 0 && SESSION_COOKIE_NAME.test(pair.slice(0, eq));
  });
}
