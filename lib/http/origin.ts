import { getEnv } from "../env";

/**
 * The shop's public origin for redirect URLs given to Stripe: APP_URL, else the host the browser
 * used (so cookies set for it come back), else the request URL's own.
 */
export function appOrigin(request: Request): string {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host && /^[A-Za-z0-9.\-:[\]]+$/.test(host)) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(/:$/, "");
    return `${proto === "https" ? "https" : "http"}://${host}`;
  }
  return url.origin;
}
