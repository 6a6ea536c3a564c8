import { getEnv } from "../env";

/** The shop's public origin for redirect URLs given to Stripe: APP_URL, else the request's own. */
export function appOrigin(request: Request): string {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  return new URL(request.url).origin;
}
