/**
 * GoTrue's IsRedirectURLValid / GetReferrer (supabase/auth internal/utilities/request.go): a
 * `redirect_to` is honoured when it goes back to the site (same scheme and host; any port on a
 * loopback host), to a loopback IP, or to an entry of the allow list (`additional_redirect_urls`,
 * matched here as a prefix instead of GoTrue's glob). Anything else falls back to the site URL.
 */
export function isRedirectUrlValid(redirectTo: string, siteUrl: string, allowList: readonly string[]): boolean {
  if (redirectTo === "") return false;
  let target: URL;
  let site: URL;
  try {
    target = new URL(redirectTo);
    site = new URL(siteUrl);
  } catch {
    return false;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  const loopback = target.hostname === "localhost" || target.hostname === "127.0.0.1" || target.hostname === "[::1]";
  if (target.hostname === site.hostname && target.protocol === site.protocol && (target.port === site.port || loopback)) return true;
  if (loopback) return true;
  const withoutFragment = redirectTo.split("#")[0]!;
  return allowList.some((allowed) => allowed !== "" && withoutFragment.startsWith(allowed));
}
