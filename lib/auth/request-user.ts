import { createServerClient } from "@supabase/ssr";
import { getEnv } from "../env";
import { bearerToken } from "./bearer";
import { verifyAccessToken } from "./verify";
import { serverRealtime } from "./no-realtime";
import { readCookies } from "../http/cookies";

/**
 * The signed-in user of a request: a Bearer Supabase access token, else the @supabase/ssr session
 * cookie's access token. Both are verified by verifyAccessToken, locally against the project's
 * cached JWKS (no auth round trip, even for forged tokens).
 */
export async function userIdFromRequest(request: Request): Promise<string | null> {
  const token = bearerToken(request);
  if (token) return (await verifyAccessToken(token))?.userId ?? null;
  const cookies = readCookies(request);
  if (!cookies.some((c) => c.name.startsWith("sb-"))) return null;
  const env = getEnv();
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    ...serverRealtime,
    cookies: { getAll: () => cookies, setAll: () => undefined },
  });
  try {
    // getSession only reads the cookie (refreshing it when expired); the token is verified below.
    const { data, error } = await supabase.auth.getSession();
    const accessToken = error ? undefined : data.session?.access_token;
    return accessToken ? ((await verifyAccessToken(accessToken))?.userId ?? null) : null;
  } catch {
    return null;
  }
}
