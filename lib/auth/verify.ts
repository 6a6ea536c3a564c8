import {
  AuthUnknownError,
  createClient,
  isAuthApiError,
  isAuthRetryableFetchError,
  type AuthError,
  type SupabaseClient,
} from "@supabase/supabase-js";
import { getEnv } from "../env";
import { logError } from "../http/log";
import { serverRealtime } from "./no-realtime";

export interface VerifiedUser {
  userId: string;
  email: string | null;
}

let cached: { url: string; anonKey: string; client: SupabaseClient } | undefined;

/** One server-side client per process (per project, should the env change under tests). */
function client(): SupabaseClient {
  const env = getEnv();
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (cached?.url !== url || cached.anonKey !== anonKey) {
    cached = {
      url,
      anonKey,
      client: createClient(url, anonKey, {
        auth: {
          persistSession: false,
          autoRefreshToken: false,
          detectSessionInUrl: false,
          // auth-js caches the JWKS per storageKey, process-wide; the default key only names the
          // host's first label, so two projects on one host (127.0.0.1:54321 and :54329) would share it.
          storageKey: `sb-verify-${new URL(url).host}`,
        },
        ...serverRealtime, // supabase-js would throw on Node 20 building a realtime client it never uses
      }),
    };
  }
  return cached.client;
}

/**
 * Verifies a Supabase access token locally: auth-js `getClaims` checks `exp` and the ES256/RS256
 * signature against the project's JWKS (fetched once, cached 10 minutes). Only HS256 tokens (projects
 * still on the legacy JWT secret) cost a round trip, because getClaims then asks GET /auth/v1/user.
 * Returns null for any missing, malformed, forged or expired token; never throws.
 */
export async function verifyAccessToken(token: string): Promise<VerifiedUser | null> {
  if (!plausibleJwt(token)) return null;
  try {
    const { data, error } = await client().auth.getClaims(token);
    if (error || !data) {
      if (error && isUnexpected(error)) logError("auth.verifyAccessToken", error);
      return null;
    }
    const { sub, email } = data.claims;
    if (typeof sub !== "string" || sub === "") return null;
    return { userId: sub, email: typeof email === "string" && email !== "" ? email : null };
  } catch (e) {
    logError("auth.verifyAccessToken", e);
    return null;
  }
}

/**
 * A bad token is routine (AuthInvalidJwtError, or a 400/403 from GET /user). Not so: the auth
 * server unreachable or failing (retryable = network or 5xx), an unreadable answer, or a 401 —
 * which only the API gateway gives here, meaning our anon key is wrong.
 */
function isUnexpected(error: AuthError): boolean {
  return isAuthRetryableFetchError(error) || error instanceof AuthUnknownError || (isAuthApiError(error) && error.status === 401);
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const ASYMMETRIC = new Set(["ES256", "RS256"]); // what auth-js can verify locally (getAlgorithm)

/**
 * Cheap local screening before getClaims, so garbage never reaches it: getClaims throws plain
 * errors on undecodable JSON, and goes to the network for tokens with an unknown alg or no kid.
 */
function plausibleJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return false;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!header || !payload) return false;
  if (typeof payload.exp !== "number" || payload.exp <= Date.now() / 1000) return false;
  if (header.alg === "HS256") return true;
  return typeof header.alg === "string" && ASYMMETRIC.has(header.alg) && typeof header.kid === "string" && header.kid !== "";
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const base64 = segment.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
