import crypto from "node:crypto";
import { getEnv } from "../env";
import { logError } from "../http/log";
import { ASYMMETRIC_ALGS, jwksFor, type AsymmetricAlg, type PublicJwk } from "./jwks";

export interface VerifiedUser {
  userId: string;
  email: string | null;
}

/**
 * Verifies a Supabase access token locally: the header must name an asymmetric algorithm (ES256 or
 * RS256) and a kid of the project's JWKS (lib/auth/jwks.ts, cached with its misses), `exp` must be
 * in the future, and the signature must hold for that key (JWS, RFC 7515 §5.2; ES256 signatures are
 * the raw r‖s of RFC 7518 §3.4). That is what auth-js `getClaims` checks with a JWKS, and what
 * Supabase's docs describe for verifying with any JWT library against the project's JWKS
 * (supabase.com/docs/guides/auth/jwts); done with node:crypto and a key object imported once per
 * key instead of once per call (getClaims re-imports it through WebCrypto every time, about half
 * of its cost). Symmetric (HS256, the legacy JWT secret) and unknown-kid tokens are refused here:
 * no request to Supabase Auth per token, whatever a client sends. Returns null for any missing,
 * malformed, forged or expired token; never throws.
 */
export async function verifyAccessToken(token: string): Promise<VerifiedUser | null> {
  const screened = screenJwt(token);
  if (!screened) return null;
  try {
    const env = getEnv();
    const key = await jwksFor(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY).key(screened.kid);
    if (!key || key.alg !== screened.alg) return null;
    if (!signatureHolds(token, screened.signature, key)) return null;
    const { sub, email } = screened.payload;
    if (typeof sub !== "string" || sub === "") return null;
    return { userId: sub, email: typeof email === "string" && email !== "" ? email : null };
  } catch (e) {
    logError("auth.verifyAccessToken", e);
    return null;
  }
}

/** node:crypto key objects per JWKS entry: a refreshed set brings new entries, the old ones are collected. */
const keyObjects = new WeakMap<PublicJwk, crypto.KeyObject>();

function keyObject(jwk: PublicJwk): crypto.KeyObject {
  let key = keyObjects.get(jwk);
  if (!key) {
    key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: "jwk" });
    keyObjects.set(jwk, key);
  }
  return key;
}

function signatureHolds(token: string, signature: string, jwk: PublicJwk): boolean {
  const signingInput = Buffer.from(token.slice(0, token.lastIndexOf(".")), "ascii");
  const sig = Buffer.from(signature, "base64url");
  if (jwk.alg === "ES256") {
    if (sig.length !== 64) return false;
    return crypto.verify("sha256", signingInput, { key: keyObject(jwk), dsaEncoding: "ieee-p1363" }, sig);
  }
  return crypto.verify("sha256", signingInput, keyObject(jwk), sig);
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Cheap local screening before any key lookup: three base64url segments, JSON header and payload,
 * an unexpired `exp`, an asymmetric `alg` and a `kid`.
 */
function screenJwt(token: string): { alg: AsymmetricAlg; kid: string; payload: Record<string, unknown>; signature: string } | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return null;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!header || !payload) return null;
  if (typeof payload.exp !== "number" || payload.exp <= Date.now() / 1000) return null;
  if (typeof header.alg !== "string" || !ASYMMETRIC_ALGS.has(header.alg)) return null;
  if (typeof header.kid !== "string" || header.kid === "" || header.kid.length > 200) return null;
  return { alg: header.alg as AsymmetricAlg, kid: header.kid, payload, signature: parts[2]! };
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
