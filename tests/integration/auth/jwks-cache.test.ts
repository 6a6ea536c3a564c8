import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../../../lib/env";
import { resetJwksCaches } from "../../../lib/auth/jwks";
import { userIdFromRequest } from "../../../lib/auth/request-user";
import { verifyAccessToken } from "../../../lib/auth/verify";
import type { AuthServer } from "../../../local/auth";
import { signJwt } from "../../../local/auth/jwt";
import { loadOrCreateSigningKey, type SigningKey } from "../../../local/auth/keys";
import { anonKey, setupAuthTests, supabaseFor, uniqueEmail, type AuthTestEnv } from "./setup";

/**
 * The app talks to the stand-in through this proxy, which counts every request by path: the
 * requests Supabase Auth would see. `failing` makes the JWKS endpoint answer 503.
 */
function countingProxy(target: string) {
  const counts = new Map<string, number>();
  let failing = false;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (failing && path.endsWith("/jwks.json")) {
      res.writeHead(503).end();
      return;
    }
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return {
    async start() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    count: (suffix: string) => [...counts].filter(([p]) => p.endsWith(suffix)).reduce((n, [, c]) => n + c, 0),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    setFailing: (v: boolean) => void (failing = v),
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

let env: AuthTestEnv;
let server: AuthServer;
let proxy: ReturnType<typeof countingProxy>;
let session: { access_token: string; refresh_token: string; expires_at?: number; user: { id: string } };
let proxyUrl: string;

beforeAll(async () => {
  env = await setupAuthTests();
  server = await env.startServer();
  proxy = countingProxy(server.url);
  proxyUrl = await proxy.start();
  process.env.NEXT_PUBLIC_SUPABASE_URL = proxyUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = anonKey;
  resetEnvCache();
  resetJwksCaches();
  const { data, error } = await supabaseFor(server).auth.signUp({ email: uniqueEmail(), password: "correct horse" });
  expect(error).toBeNull();
  session = data.session!;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await proxy?.close();
  await env?.stop();
  resetEnvCache();
});

const claims = () => JSON.parse(Buffer.from(session.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

/** The user's claims under a key the project never published. */
function forged(kid = crypto.randomUUID()): string {
  const key: SigningKey = { ...loadOrCreateSigningKey(), kid };
  return signJwt(claims(), key);
}

function hs256(kid?: string): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${enc({ alg: "HS256", typ: "JWT", ...(kid ? { kid } : {}) })}.${enc(claims())}`;
  return `${input}.${crypto.createHmac("sha256", "super-secret-jwt-token-with-at-least-32-characters-long").update(input).digest("base64url")}`;
}

const later = (ms: number) => {
  const now = Date.now();
  vi.spyOn(Date, "now").mockReturnValue(now + ms);
};

describe("JWKS cache", () => {
  it("fetches the JWKS once, then verifies every request locally", async () => {
    for (let i = 0; i < 20; i++) expect(await verifyAccessToken(session.access_token)).toMatchObject({ userId: session.user.id });
    expect(proxy.count("/.well-known/jwks.json")).toBe(1);
    expect(proxy.count("/auth/v1/user")).toBe(0);
  });

  it("refuses unknown kids without a request per token, refetching at most once per interval", async () => {
    const before = proxy.total();
    const burst = () => Promise.all(Array.from({ length: 25 }, () => verifyAccessToken(forged())));
    expect((await burst()).every((r) => r === null)).toBe(true);
    expect(proxy.total() - before).toBe(0); // the set was fetched moments ago

    later(31_000); // past the refetch interval: one fetch for the whole burst, then none
    expect((await burst()).every((r) => r === null)).toBe(true);
    expect((await burst()).every((r) => r === null)).toBe(true);
    expect(proxy.total() - before).toBe(1);
    expect(proxy.count("/auth/v1/user")).toBe(0);
  });

  it("refuses symmetric (HS256) tokens with no request at all", async () => {
    const before = proxy.total();
    expect(await verifyAccessToken(hs256())).toBeNull();
    expect(await verifyAccessToken(hs256(JSON.parse(Buffer.from(session.access_token.split(".")[0]!, "base64url").toString()).kid))).toBeNull();
    expect(proxy.total() - before).toBe(0);
  });

  it("refuses a token whose alg differs from its key's", async () => {
    const [h, p, s] = session.access_token.split(".");
    const header = JSON.parse(Buffer.from(h!, "base64url").toString());
    const rs = `${Buffer.from(JSON.stringify({ ...header, alg: "RS256" })).toString("base64url")}.${p}.${s}`;
    expect(await verifyAccessToken(rs)).toBeNull();
  });

  it("keeps the last keys when a refetch fails, and logs it", async () => {
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    proxy.setFailing(true);
    try {
      later(11 * 60_000); // past the TTL: the set is refetched, and the fetch fails
      const before = proxy.count("/.well-known/jwks.json");
      expect(await verifyAccessToken(session.access_token)).toMatchObject({ userId: session.user.id });
      expect(await verifyAccessToken(session.access_token)).toMatchObject({ userId: session.user.id });
      expect(proxy.count("/.well-known/jwks.json") - before).toBe(1);
      expect(errorSpy).toHaveBeenCalledWith("[auth.jwks]", expect.stringContaining("503"));
    } finally {
      proxy.setFailing(false);
    }
  });
});

describe("session cookies", () => {
  /** The cookie @supabase/ssr writes: sb-<first host label>-auth-token = base64-<base64url(session json)>. */
  const cookieFor = (accessToken: string) => {
    const value = { ...session, access_token: accessToken, expires_at: Math.floor(Date.now() / 1000) + 3000 };
    return `sb-127-auth-token=base64-${Buffer.from(JSON.stringify(value)).toString("base64url")}`;
  };
  const requestWith = (cookie: string) => new Request("http://shop.test/api/cart", { headers: { cookie } });

  it("verifies the cookie's token locally and refuses a forged one with no request", async () => {
    const before = proxy.total();
    expect(await userIdFromRequest(requestWith(cookieFor(session.access_token)))).toBe(session.user.id);
    expect(await userIdFromRequest(requestWith(cookieFor(forged())))).toBeNull();
    expect(await userIdFromRequest(requestWith(cookieFor(hs256())))).toBeNull();
    expect(proxy.total() - before).toBe(0);
  });
});
