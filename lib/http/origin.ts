import { getEnv } from "../env";
import { LOCAL_DEFAULTS } from "../env-defaults";

/**
 * The shop's public origin, the start of every redirect URL the server builds (Stripe success,
 * return and cancel URLs, auth email links). In production it is APP_URL, which lib/env.ts requires
 * there: Host and X-Forwarded-Host are whatever the client sent. In development, without APP_URL,
 * it is the host the browser used (so 127.0.0.1 and localhost both keep their cookies).
 */
export function redirectOrigin(headers: Headers, requestUrl?: string): string {
  const env = getEnv();
  if (env.APP_URL) return env.APP_URL;
  if (env.NODE_ENV === "production") throw new Error("APP_URL is required in production");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host && /^[A-Za-z0-9.\-:[\]]+$/.test(host)) {
    const fallbackProto = requestUrl ? new URL(requestUrl).protocol.replace(/:$/, "") : "http";
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? fallbackProto;
    return `${proto === "https" ? "https" : "http"}://${host}`;
  }
  return requestUrl ? new URL(requestUrl).origin : LOCAL_DEFAULTS.APP_URL;
}

/** redirectOrigin for a route handler's request. */
export function appOrigin(request: Request): string {
  return redirectOrigin(request.headers, request.url);
}
