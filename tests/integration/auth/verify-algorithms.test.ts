import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../../../lib/env";
import { resetJwksCaches } from "../../../lib/auth/jwks";
import { verifyAccessToken } from "../../../lib/auth/verify";

/**
 * The local signature check against keys the auth stand-in never issues: an RSA key (RS256, what
 * Supabase projects may also sign with) and a P-384 key posing as ES256. The JWKS is served by a
 * plain server standing in for `/auth/v1/.well-known/jwks.json`.
 */
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const p256 = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" });
const jwk = (key: crypto.KeyObject, kid: string, alg: string) => ({ ...key.export({ format: "jwk" }), kid, alg, use: "sig", key_ops: ["verify"] });
const keys = [jwk(rsa.publicKey, "rsa-1", "RS256"), jwk(p256.publicKey, "ec-1", "ES256"), jwk(p384.publicKey, "ec-384", "ES256")];

let server: http.Server;
const savedUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== "/auth/v1/.well-known/jwks.json") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.NEXT_PUBLIC_SUPABASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resetEnvCache();
  resetJwksCaches();
});
afterAll(() => {
  server?.close();
  process.env.NEXT_PUBLIC_SUPABASE_URL = savedUrl;
  resetEnvCache();
  resetJwksCaches();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const claims = (over: Record<string, unknown> = {}) => ({ sub: "7f0c1a52-0000-4000-8000-000000000001", email: "a@example.test", aud: "authenticated", exp: Math.floor(Date.now() / 1000) + 600, ...over });

function sign(alg: "RS256" | "ES256", kid: string, key: crypto.KeyObject, payload = claims()): string {
  const input = `${b64({ alg, kid, typ: "JWT" })}.${b64(payload)}`;
  const sig = alg === "RS256"
    ? crypto.sign("sha256", Buffer.from(input), key)
    : crypto.sign(key.asymmetricKeyDetails?.namedCurve === "secp384r1" ? "sha384" : "sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
  return `${input}.${sig.toString("base64url")}`;
}

describe("verifyAccessToken's signature check", () => {
  it("accepts RS256 and ES256 tokens signed by the JWKS's keys", async () => {
    expect(await verifyAccessToken(sign("RS256", "rsa-1", rsa.privateKey))).toEqual({ userId: claims().sub, email: "a@example.test" });
    expect(await verifyAccessToken(sign("ES256", "ec-1", p256.privateKey))).toEqual({ userId: claims().sub, email: "a@example.test" });
  });

  it("refuses a token whose header names another algorithm than its key's", async () => {
    const rsaSigned = sign("RS256", "rsa-1", rsa.privateKey);
    const [, payload, sig] = rsaSigned.split(".");
    expect(await verifyAccessToken(`${b64({ alg: "ES256", kid: "rsa-1", typ: "JWT" })}.${payload}.${sig}`)).toBeNull();
    expect(await verifyAccessToken(sign("RS256", "ec-1", rsa.privateKey))).toBeNull();
  });

  it("refuses an ES256 key on another curve than P-256", async () => {
    expect(await verifyAccessToken(sign("ES256", "ec-384", p384.privateKey))).toBeNull();
  });

  it("refuses a DER-encoded or truncated ES256 signature, and a signature over other claims", async () => {
    const input = `${b64({ alg: "ES256", kid: "ec-1", typ: "JWT" })}.${b64(claims())}`;
    const der = crypto.sign("sha256", Buffer.from(input), p256.privateKey).toString("base64url");
    expect(await verifyAccessToken(`${input}.${der}`)).toBeNull();
    const good = sign("ES256", "ec-1", p256.privateKey);
    expect(await verifyAccessToken(good.slice(0, -4))).toBeNull();
    const other = sign("ES256", "ec-1", p256.privateKey, claims({ sub: "7f0c1a52-0000-4000-8000-000000000002" }));
    expect(await verifyAccessToken(`${good.split(".").slice(0, 2).join(".")}.${other.split(".")[2]}`)).toBeNull();
  });

  it("refuses an expired token even with a valid signature, and a token without a subject", async () => {
    expect(await verifyAccessToken(sign("RS256", "rsa-1", rsa.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 1 })))).toBeNull();
    expect(await verifyAccessToken(sign("RS256", "rsa-1", rsa.privateKey, claims({ sub: "" })))).toBeNull();
  });
});
