import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../../../lib/env";
import { verifyAccessToken } from "../../../lib/auth/verify";
import type { AuthServer } from "../../../local/auth";
import { signJwt } from "../../../local/auth/jwt";
import { loadOrCreateSigningKey, type SigningKey } from "../../../local/auth/keys";
import { anonKey, setupAuthTests, supabaseFor, uniqueEmail, type AuthTestEnv } from "./setup";

let env: AuthTestEnv;
let server: AuthServer;
let keyFile: string;
let serverKey: SigningKey;
let session: { access_token: string; user: { id: string; email?: string } };
const fetchSpy = vi.spyOn(globalThis, "fetch");
const errorSpy = vi.spyOn(console, "error");

beforeAll(async () => {
  env = await setupAuthTests();
  keyFile = path.join(env.tmpDir, "keys", "auth-signing-key.json");
  server = await env.startServer({ signingKeyFile: keyFile });
  serverKey = loadOrCreateSigningKey(keyFile);
  process.env.NEXT_PUBLIC_SUPABASE_URL = server.url;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = anonKey;
  resetEnvCache();
  const { data, error } = await supabaseFor(server).auth.signUp({ email: uniqueEmail(), password: "correct horse" });
  expect(error).toBeNull();
  session = data.session!;
});
afterAll(async () => {
  await env?.stop();
  resetEnvCache();
});

const authRequests = (suffix: string) =>
  fetchSpy.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).includes(suffix)).length;

/** Claims like the server's for our user, signed by `key`. */
function tokenSignedBy(key: SigningKey, overrides: Record<string, unknown> = {}): string {
  const claims = JSON.parse(Buffer.from(session.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  return signJwt({ ...claims, ...overrides }, key);
}

describe("JWKS", () => {
  it("publishes the ES256 public key that signs access tokens", async () => {
    const res = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    const header = JSON.parse(Buffer.from(session.access_token.split(".")[0]!, "base64url").toString());
    expect(header).toEqual({ alg: "ES256", kid: keys[0]!.kid, typ: "JWT" });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", key_ops: ["verify"] });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("carries Supabase's access token claims", () => {
    const claims = JSON.parse(Buffer.from(session.access_token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({
      iss: `${server.url}/auth/v1`,
      sub: session.user.id,
      aud: "authenticated",
      email: session.user.email,
      phone: "",
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: expect.any(Number) }],
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
    });
    expect(claims.exp - claims.iat).toBe(3600);
  });
});

describe("verifyAccessToken", () => {
  it("accepts a fresh token, verifying locally after one JWKS fetch", async () => {
    const expected = { userId: session.user.id, email: session.user.email };
    const [jwksBefore, userBefore] = [authRequests("/.well-known/jwks.json"), authRequests("/auth/v1/user")];
    expect(await verifyAccessToken(session.access_token)).toEqual(expected);
    expect(await verifyAccessToken(session.access_token)).toEqual(expected);
    expect(authRequests("/.well-known/jwks.json") - jwksBefore).toBe(1);
    expect(authRequests("/auth/v1/user") - userBefore).toBe(0);
  });

  it("rejects a tampered token", async () => {
    const [h, p, s] = session.access_token.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString("base64url");
    expect(await verifyAccessToken(`${h}.${forgedPayload}.${s}`)).toBeNull();
  });

  it("rejects an expired token, and so does the server", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = tokenSignedBy(serverKey, { iat: now - 7200, exp: now - 3600 });
    expect(await verifyAccessToken(expired)).toBeNull();
    const { error } = await supabaseFor(server).auth.getUser(expired);
    expect(error).toMatchObject({ status: 403, code: "bad_jwt" });
    expect(error!.message).toContain("token is expired");
  });

  it("rejects a token signed by another key, with or without our kid", async () => {
    const other = loadOrCreateSigningKey();
    expect(await verifyAccessToken(tokenSignedBy(other))).toBeNull();
    const impostor: SigningKey = { ...other, kid: serverKey.kid };
    expect(await verifyAccessToken(tokenSignedBy(impostor))).toBeNull();
  });

  it.each([
    ["an empty string", ""],
    ["garbage", "garbage"],
    ["three dots of nothing", "a.b.c"],
    ["an unsigned token", `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"x","exp":9999999999}').toString("base64url")}.`],
    ["a token with bad base64", "eyJ!.eyJ.sig"],
  ])("rejects %s without throwing or logging", async (_, token) => {
    errorSpy.mockClear();
    const before = fetchSpy.mock.calls.length;
    expect(await verifyAccessToken(token)).toBeNull();
    expect(fetchSpy.mock.calls.length).toBe(before);
    expect(errorSpy).not.toHaveBeenCalled();
  });

  it("keeps tokens valid across a restart when the key is kept in a file", async () => {
    const stored = JSON.parse(fs.readFileSync(keyFile, "utf8"));
    expect(stored).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256", kid: serverKey.kid, d: expect.any(String) })]);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const restarted = await env.startServer({ signingKeyFile: keyFile });
    const { data, error } = await supabaseFor(restarted).auth.getUser(session.access_token);
    expect(error).toBeNull();
    expect(data.user!.id).toBe(session.user.id);

    const ephemeral = await env.startServer();
    const other = await supabaseFor(ephemeral).auth.getUser(session.access_token);
    expect(other.error).toMatchObject({ status: 403, code: "bad_jwt" });
  });
});
