/**
 * How GoTrue writes the URLs it redirects to, with Go's net/url: url.Values.Encode sorts the keys and
 * escapes with QueryEscape (space as "+", everything but letters, digits and -_.~ as %XX), and
 * URL.String escapes a fragment set as decoded text once more (so a "%" of the encoded values becomes
 * "%25"). The stand-in reproduces this so clients parse what they would get from Supabase.
 */

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;

/** Go's url.QueryEscape. */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, hex).replace(/%20/g, "+");
}

/** Go's url.Values.Encode: keys sorted, values of one key in their order. */
export function goEncode(values: URLSearchParams): string {
  const keys = [...new Set(values.keys())].sort();
  return keys.flatMap((k) => values.getAll(k).map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`)).join("&");
}

/** Go's escape(s, encodeFragment): what URL.String does to a Fragment it has no raw form of. */
function goFragmentEscape(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~$&+,/:;=?@!()*]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

interface Parts {
  base: string;
  query: string | null;
  fragment: string | null;
}

function split(url: string): Parts {
  const hash = url.indexOf("#");
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? null : url.slice(hash + 1);
  const q = beforeHash.indexOf("?");
  return { base: q === -1 ? beforeHash : beforeHash.slice(0, q), query: q === -1 ? null : beforeHash.slice(q + 1), fragment };
}

const join = (p: Parts) => `${p.base}${p.query ? `?${p.query}` : ""}${p.fragment !== null ? `#${p.fragment}` : ""}`;

/** The query of `url` with `set` applied (URL.Query, Values.Set, Values.Encode). */
function withQuery(parts: Parts, set: Record<string, string>): string {
  const q = new URLSearchParams(parts.query ?? "");
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  return goEncode(q);
}

/** prepPKCERedirectURL (internal/api/verify.go): `?code=` added to the redirect's query. */
export function pkceRedirectUrl(redirectTo: string, code: string): string {
  const parts = split(redirectTo);
  return join({ ...parts, query: withQuery(parts, { code }) });
}

/** AccessTokenResponse.AsRedirectURL (internal/tokens/service.go): the session in the fragment. */
export function implicitRedirectUrl(
  redirectTo: string,
  type: string,
  t: { access_token: string; token_type: string; expires_in: number; expires_at: number; refresh_token: string },
): string {
  const values = new URLSearchParams({
    type,
    access_token: t.access_token,
    token_type: t.token_type,
    expires_in: String(t.expires_in),
    expires_at: String(t.expires_at),
    refresh_token: t.refresh_token,
    sb: "", // "Supabase Auth identifier to help clients distinguish Supabase Auth redirects"
  });
  return `${redirectTo}#${goEncode(values)}`;
}

/** oauthErrorMap (internal/api/errors.go): the OAuth `error` for a status. */
const OAUTH_ERRORS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized_client",
  403: "access_denied",
  500: "server_error",
  503: "temporarily_unavailable",
};

/**
 * prepErrorRedirectURL (internal/api/verify.go): error, error_code and error_description in the
 * fragment (with `sb`), and for a PKCE flow in the query as well.
 */
export function errorRedirectUrl(redirectTo: string, err: { status: number; errorCode: string; message: string }, pkce: boolean): string {
  const parts = split(redirectTo);
  const errors: Record<string, string> = {};
  const oauthError = OAUTH_ERRORS[err.status];
  if (oauthError) errors.error = oauthError;
  errors.error_code = err.errorCode;
  errors.error_description = err.message;
  const query = pkce ? withQuery(parts, errors) : parts.query;
  const fragment = goFragmentEscape(goEncode(new URLSearchParams({ ...errors, sb: "" })));
  return join({ base: parts.base, query, fragment });
}
