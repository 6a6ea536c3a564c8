import { createServerClient } from "@supabase/ssr";
import { z } from "zod";
import { getEnv } from "../env";
import { bearerToken } from "../auth/bearer";
import { verifyAccessToken } from "../auth/verify";
import { serverRealtime } from "../auth/no-realtime";
import { readCookies } from "../http/cookies";

export interface Merchant {
  userId: string;
  email: string | null;
}

/** Only the server sets app_metadata (users can edit user_metadata, never this), so it carries roles. */
const merchantClaims = z.object({ app_metadata: z.object({ role: z.literal("merchant") }) });

/**
 * The merchant behind a request, or null for shoppers, guests and signed-out visitors alike.
 * The access token (Bearer header, else the @supabase/ssr session cookie) is verified by
 * lib/auth/verify.ts (signature against the project's JWKS, expiry); only then are its claims read.
 * Supabase puts `app_metadata` into every access token it issues
 * (https://supabase.com/docs/guides/auth/jwt-fields: app_metadata).
 */
export async function merchantFromRequest(request: Request): Promise<Merchant | null> {
  const token = bearerToken(request) ?? (await sessionAccessToken(request));
  if (!token) return null;
  const verified = await verifyAccessToken(token);
  if (!verified) return null;
  const claims = merchantClaims.safeParse(payloadOf(token));
  return claims.success ? { userId: verified.userId, email: verified.email } : null;
}

/** The access token stored in the session cookie; unverified here, merchantFromRequest verifies it. */
async function sessionAccessToken(request: Request): Promise<string | null> {
  const cookies = readCookies(request);
  if (!cookies.some((c) => c.name.startsWith("sb-"))) return null;
  const env = getEnv();
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    ...serverRealtime,
    auth: { autoRefreshToken: false, detectSessionInUrl: false },
    cookies: { getAll: () => cookies, setAll: () => undefined },
  });
  try {
    const { data } = await supabase.auth.getSession();
    return data.session?.access_token ?? null;
  } catch {
    return null;
  }
}

function payloadOf(token: string): unknown {
  try {
    const segment = token.split(".")[1] ?? "";
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
