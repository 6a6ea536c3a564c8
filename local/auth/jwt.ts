import crypto from "node:crypto";
import type { SigningKey } from "./keys";

const B64URL = /^[A-Za-z0-9_-]*$/;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeSegment(segment: string): unknown {
  if (!B64URL.test(segment)) throw new Error("illegal base64 data");
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
}

/** Signs `claims` as an ES256 JWS. WebCrypto (auth-js getClaims) expects the raw r‖s signature. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const input = `${encodeSegment({ alg: "ES256", kid: key.kid, typ: "JWT" })}.${encodeSegment(claims)}`;
  const signature = crypto.sign("sha256", Buffer.from(input), { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

export type VerifyResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Verifies an ES256 token against our key and its time claims. Failure reasons follow the
 * golang-jwt messages GoTrue puts after "invalid JWT: unable to parse or verify signature, ".
 */
export function verifyJwt(token: string, key: SigningKey, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "token is malformed: token contains an invalid number of segments" };
  const [rawHeader = "", rawPayload = "", rawSignature = ""] = parts;
  let header: unknown;
  let claims: unknown;
  try {
    header = decodeSegment(rawHeader);
    claims = decodeSegment(rawPayload);
  } catch (e) {
    return { ok: false, reason: `token is malformed: ${(e as Error).message}` };
  }
  if (!isObject(header) || !isObject(claims)) return { ok: false, reason: "token is malformed: not a JSON object" };
  if (header.alg !== "ES256") {
    return { ok: false, reason: `token signature is invalid: signing method ${String(header.alg)} is invalid` };
  }
  if (header.kid !== key.kid) {
    return {
      ok: false,
      reason: `token is unverifiable: error while executing keyfunc: unrecognized JWT kid ${String(header.kid)} for algorithm ES256`,
    };
  }
  const signature = B64URL.test(rawSignature) ? Buffer.from(rawSignature, "base64url") : Buffer.alloc(0);
  const valid =
    signature.length === 64 &&
    crypto.verify("sha256", Buffer.from(`${rawHeader}.${rawPayload}`), { key: key.publicKey, dsaEncoding: "ieee-p1363" }, signature);
  if (!valid) return { ok: false, reason: "token signature is invalid: crypto/ecdsa: verification error" };
  if (claims.exp !== undefined && (typeof claims.exp !== "number" || nowSeconds >= claims.exp)) {
    return { ok: false, reason: "token has invalid claims: token is expired" };
  }
  if (typeof claims.nbf === "number" && nowSeconds < claims.nbf) {
    return { ok: false, reason: "token has invalid claims: token is not valid yet" };
  }
  return { ok: true, claims };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
