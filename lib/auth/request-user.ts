import { createServerClient } from "@supabase/ssr";
import { getEnv } from "../env";
import { bearerToken } from "./bearer";
import { verifyAccessToken } from "./verify";
import { serverRealtime } from "./no-realtime";
import { readCookies } from "../http/cookies";

/**
 * The signed-in user of a request: a Bearer Supabase access token, else the @supabase/ssr session
 * cookie. Tokens are verified locally against the project's JWKS (no auth round trip).
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
    const { data, error } = await supabase.auth.getClaims();
    if (error || !data) return null;
    return typeof data.claims.sub === "string" ? data.claims.sub : null;
  } catch {
    return null;
  }
}
