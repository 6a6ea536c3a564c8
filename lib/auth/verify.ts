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
import { ASYMMETRIC_ALGS, jwksFor, type AsymmetricAlg } from "./jwks";
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
          // Keys come from lib/auth/jwks.ts; a storageKey per host still keeps auth-js's own
          // process-wide state apart for two projects on one host (127.0.0.1:54321 and :54329).
          storageKey: `sb-verify-${new URL(url).host}`,
        },
        ...serverRealtime, // supabase-js would throw on Node 20 building a realtime client it never uses
      }),
    };
  }
  return cached.client;
}

/**
 * Verifies a Supabase access token locally: the header must name an asymmetric algorithm (ES256 or
 * RS256) and a kid of the project's JWKS (lib/auth/jwks.ts, cached with its misses), then auth-js
 * `getClaims` checks `exp` and the signature against that key, handed to it so it never fetches.
 * Symmetric (HS256, the legacy JWT secret) and unknown-kid tokens are refused here: no request to
 * Supabase Auth per token, whatever a client sends. Returns null for any missing, malformed, forged
 * or expired token; never throws.
 */
export async function verifyAccessToken(token: string): Promise<VerifiedUser | null> {
  const header = screenJwt(token);
  if (!header) return null;
  try {
    const env = getEnv();
    const key = await jwksFor(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY).key(header.kid);
    if (!key || key.alg !== header.alg) return null;
    const { data, error } = await client().auth.getClaims(token, { jwks: { keys: [key] } });
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
 * With the key supplied, getClaims only fails on the token itself (AuthInvalidJwtError); anything
 * else (an unreadable answer, a network failure) is unexpected.
 */
function isUnexpected(error: AuthError): boolean {
  return isAuthRetryableFetchError(error) || error instanceof AuthUnknownError || (isAuthApiError(error) && error.status === 401);
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Cheap local screening before any key lookup: three base64url segments, JSON header and payload,
 * an unexpired `exp`, an asymmetric `alg` and a `kid`. Garbage never reaches getClaims (which
 * throws plain errors on undecodable JSON).
 */
function screenJwt(token: string): { alg: AsymmetricAlg; kid: string } | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return null;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!header || !payload) return null;
  if (typeof payload.exp !== "number" || payload.exp <= Date.now() / 1000) return null;
  if (typeof header.alg !== "string" || !ASYMMETRIC_ALGS.has(header.alg)) return null;
  if (typeof header.kid !== "string" || header.kid === "" || header.kid.length > 200) return null;
  return { alg: header.alg as AsymmetricAlg, kid: header.kid };
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
