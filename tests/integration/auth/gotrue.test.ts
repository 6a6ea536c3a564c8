import { describe, expect, it } from "vitest";
import { anonKey, authSuite, supabaseFor, uniqueEmail } from "./setup";

const { env, server } = authSuite();

/** Signs up a fresh user; returns its credentials and the session supabase-js got. */
async function newUser(password = "correct horse") {
  const email = uniqueEmail();
  const { data, error } = await supabaseFor(server).auth.signUp({ email, password });
  expect(error).toBeNull();
  return { email, password, session: data.session!, user: data.user! };
}

describe("sign-up", () => {
  it("confirms at once and answers a session, storing a scrypt hash", async () => {
    const email = uniqueEmail();
    const { data, error } = await supabaseFor(server).auth.signUp({
      email: email.toUpperCase(),
      password: "s3cret-pass",
      options: { data: { full_name: "Ada" } },
    });
    expect(error).toBeNull();
    const { session, user } = data;
    expect(session).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(session!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
    expect(session!.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(user).toMatchObject({
      email,
      aud: "authenticated",
      role: "authenticated",
      phone: "",
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { full_name: "Ada", email_verified: true },
    });
    expect(user!.email_confirmed_at).toBeTruthy();
    expect(user!.confirmed_at).toBe(user!.email_confirmed_at);
    expect(user!.identities).toHaveLength(1);
    expect(user!.identities![0]).toMatchObject({ provider: "email", user_id: user!.id, id: user!.id });

    const [row] = await env.sql`select * from auth.users where id = ${user!.id}`;
    expect(row!.email).toBe(email);
    expect(row!.encrypted_password).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row!.encrypted_password).not.toContain("s3cret-pass");
    expect(row!.email_confirmed_at).not.toBeNull();
    const [sessions] = await env.sql`select count(*)::int as n from auth.sessions where user_id = ${user!.id}`;
    expect(sessions!.n).toBe(1);
  });

  it("refuses an email already registered, whatever its case", async () => {
    const { email } = await newUser();
    const { data, error } = await supabaseFor(server).auth.signUp({ email: email.toUpperCase(), password: "another-pass" });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ name: "AuthApiError", status: 422, code: "user_already_exists", message: "User already registered" });
  });

  it("refuses a weak password", async () => {
    const { error } = await supabaseFor(server).auth.signUp({ email: uniqueEmail(), password: "12345" });
    expect(error).toMatchObject({
      name: "AuthWeakPasswordError",
      status: 422,
      code: "weak_password",
      message: "Password should be at least 6 characters.",
      reasons: ["length"],
    });
  });

  it("refuses a malformed email", async () => {
    const { error } = await supabaseFor(server).auth.signUp({ email: "not-an-email", password: "s3cret-pass" });
    expect(error).toMatchObject({ status: 400, code: "validation_failed" });
  });
});

describe("password sign-in", () => {
  it("signs in with the right password", async () => {
    const { email, password, user } = await newUser();
    const { data, error } = await supabaseFor(server).auth.signInWithPassword({ email, password });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(user.id);
    expect(data.user!.last_sign_in_at).toBeTruthy();
    expect(data.session!.access_token.split(".")).toHaveLength(3);
  });

  it.each([
    ["a wrong password", (email: string) => ({ email, password: "wrong password" })],
    ["an unknown email", () => ({ email: uniqueEmail(), password: "correct horse" })],
  ])("refuses %s with invalid_credentials", async (_, creds) => {
    const { email } = await newUser();
    const { data, error } = await supabaseFor(server).auth.signInWithPassword(creds(email));
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ name: "AuthApiError", status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
  });
});

describe("GET /user", () => {
  it("returns the user of an access token", async () => {
    const { session, user } = await newUser();
    const { data, error } = await supabaseFor(server).auth.getUser(session.access_token);
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: user.id, email: user.email });
  });

  it("refuses a token that is not ours with 403 bad_jwt", async () => {
    const { session } = await newUser();
    const [h, p] = session.access_token.split(".");
    const forged = `${h}.${p}.${"A".repeat(86)}`;
    for (const token of [forged, "garbage"]) {
      const { data, error } = await supabaseFor(server).auth.getUser(token);
      expect(data.user).toBeNull();
      expect(error).toMatchObject({ status: 403, code: "bad_jwt" });
    }
  });
});

describe("refresh tokens", () => {
  it("rotates: each refresh revokes the token used and issues a child", async () => {
    const { session, user } = await newUser();
    const client = supabaseFor(server);
    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(data.user!.id).toBe(user.id);
    const rows = await env.sql`select token, revoked, parent from auth.refresh_tokens where user_id = ${user.id} order by id`;
    expect(rows.map((r) => [r.token, r.revoked, r.parent])).toEqual([
      [session.refresh_token, true, null],
      [data.session!.refresh_token, false, session.refresh_token],
    ]);
  });

  it("gives a client that lost the answer the live token again, and refuses older reuse", async () => {
    const strict = await env.startServer({ refreshTokenReuseIntervalSeconds: 0 });
    const client = supabaseFor(strict);
    const { data: signedUp } = await client.auth.signUp({ email: uniqueEmail(), password: "correct horse" });
    const a = signedUp.session!.refresh_token;
    const b = (await client.auth.refreshSession({ refresh_token: a })).data.session!.refresh_token;
    // GoTrue: a revoked token whose child is the live token answers that child (no new token).
    const again = await client.auth.refreshSession({ refresh_token: a });
    expect(again.data.session!.refresh_token).toBe(b);
    const c = (await client.auth.refreshSession({ refresh_token: b })).data.session!.refresh_token;

    const reuse = await client.auth.refreshSession({ refresh_token: a });
    expect(reuse.data.session).toBeNull();
    expect(reuse.error).toMatchObject({ status: 400, code: "refresh_token_already_used", message: "Invalid Refresh Token: Already Used" });
    // Reuse is taken as theft: the session's live token is revoked too.
    const afterTheft = await client.auth.refreshSession({ refresh_token: c });
    expect(afterTheft.error).toMatchObject({ code: "refresh_token_already_used" });
  });

  it("allows reuse within the reuse interval (default 10 s), as GoTrue does", async () => {
    const { session } = await newUser();
    const client = supabaseFor(server);
    const b = (await client.auth.refreshSession({ refresh_token: session.refresh_token })).data.session!.refresh_token;
    await client.auth.refreshSession({ refresh_token: b });
    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error).toBeNull();
    expect(data.session!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
  });

  it("answers refresh_token_not_found for an unknown token and for a malformed one", async () => {
    const client = supabaseFor(server);
    const unknown = await client.auth.refreshSession({ refresh_token: "abcdefghijkl" });
    expect(unknown.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
    // models.FindUserWithRefreshToken: a token shorter than 12 characters is a SessionNotFoundError.
    const malformed = await client.auth.refreshSession({ refresh_token: "short" });
    expect(malformed.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
  });
});

describe("PUT /user", () => {
  it("changes the password: the new one signs in, the old one no longer does", async () => {
    const { email, password, session } = await newUser();
    const client = supabaseFor(server);
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    const { error } = await client.auth.updateUser({ password: "a brand new one" });
    expect(error).toBeNull();

    const fresh = supabaseFor(server);
    expect((await fresh.auth.signInWithPassword({ email, password: "a brand new one" })).error).toBeNull();
    expect((await fresh.auth.signInWithPassword({ email, password })).error).toMatchObject({ code: "invalid_credentials" });
  });

  it("signs the user out of other sessions when the password changes", async () => {
    const { email, password, session } = await newUser();
    const other = (await supabaseFor(server).auth.signInWithPassword({ email, password })).data.session!;
    const client = supabaseFor(server);
    await client.auth.setSession(session);
    expect((await client.auth.updateUser({ password: "rotated password" })).error).toBeNull();

    const stale = await supabaseFor(server).auth.refreshSession({ refresh_token: other.refresh_token });
    expect(stale.error).toMatchObject({ code: "refresh_token_not_found" });
    const current = await supabaseFor(server).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(current.error).toBeNull();
  });

  it("refuses the same password and merges user metadata", async () => {
    const { password, session } = await newUser();
    const client = supabaseFor(server);
    await client.auth.setSession(session);
    expect((await client.auth.updateUser({ password })).error).toMatchObject({ status: 422, code: "same_password" });
    const { data, error } = await client.auth.updateUser({ data: { nickname: "ada", email_verified: null } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toEqual({ nickname: "ada" });
  });

  it("changes the email, refusing one taken by another user", async () => {
    const taken = await newUser();
    const { session } = await newUser();
    const client = supabaseFor(server);
    await client.auth.setSession(session);
    expect((await client.auth.updateUser({ email: taken.email })).error).toMatchObject({ status: 422, code: "email_exists" });
    const next = uniqueEmail();
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(next);
  });
});

describe("sign-out", () => {
  it("revokes the session: its refresh token and access token stop working", async () => {
    const { session } = await newUser();
    const client = supabaseFor(server);
    await client.auth.setSession(session);
    expect((await client.auth.signOut()).error).toBeNull();

    const refreshed = await supabaseFor(server).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
    const user = await supabaseFor(server).auth.getUser(session.access_token);
    expect(user.error?.name).toBe("AuthSessionMissingError"); // GoTrue's 403 session_not_found
  });

  it("scope local ends only this session", async () => {
    const { email, password, session } = await newUser();
    const other = (await supabaseFor(server).auth.signInWithPassword({ email, password })).data.session!;
    const client = supabaseFor(server);
    await client.auth.setSession(session);
    expect((await client.auth.signOut({ scope: "local" })).error).toBeNull();

    expect((await supabaseFor(server).auth.refreshSession({ refresh_token: session.refresh_token })).error).toMatchObject({
      code: "refresh_token_not_found",
    });
    expect((await supabaseFor(server).auth.refreshSession({ refresh_token: other.refresh_token })).error).toBeNull();
  });

  it("answers 204 to POST /logout", async () => {
    const { session } = await newUser();
    const res = await fetch(`${server.url}/auth/v1/logout?scope=global`, {
      method: "POST",
      headers: { apikey: anonKey, authorization: `Bearer ${session.access_token}` },
    });
    expect(res.status).toBe(204);
  });
});

describe("gateway and wire format", () => {
  it("requires the apikey like Supabase's gateway", async () => {
    const missing = await fetch(`${server.url}/auth/v1/settings`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: "No API key found in request" });

    const wrong = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: "nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: "Invalid API key" });

    const { error } = await supabaseFor(server, "not-the-key").auth.signInWithPassword({ email: uniqueEmail(), password: "whatever" });
    expect(error).toMatchObject({ status: 401, message: "Invalid API key" });

    for (const key of [anonKey, "sb_secret_local_service_key_0000000000"]) {
      expect((await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: key } })).status).toBe(200);
    }
  });

  it("serves health and the JWKS without a key, as the gateway's open routes do", async () => {
    expect((await fetch(`${server.url}/auth/v1/health`)).status).toBe(200);
    const jwks = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("cache-control")).toBe("public, max-age=600");
  });

  it("answers errors in the 2024-01-01 format when asked, the initial format otherwise", async () => {
    const body = JSON.stringify({ email: uniqueEmail(), password: "whatever" });
    const url = `${server.url}/auth/v1/token?grant_type=password`;
    const headers = { apikey: anonKey, "content-type": "application/json" };

    const current = await fetch(url, { method: "POST", body, headers: { ...headers, "X-Supabase-Api-Version": "2024-01-01" } });
    expect(current.status).toBe(400);
    expect(current.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await current.json()).toEqual({ code: "invalid_credentials", message: "Invalid login credentials" });

    const legacy = await fetch(url, { method: "POST", body, headers });
    expect(legacy.headers.get("x-supabase-api-version")).toBeNull();
    expect(await legacy.json()).toEqual({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });

    const badJson = await fetch(url, { method: "POST", body: "{", headers });
    expect(await badJson.json()).toMatchObject({ code: 400, error_code: "bad_json" });
  });

  it("answers CORS preflights and exposes the API version header to browsers", async () => {
    const origin = "http://127.0.0.1:3000";
    const preflight = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "apikey, authorization, content-type, x-client-info, x-supabase-api-version",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    const allowed = preflight.headers.get("access-control-allow-headers")!.split(", ");
    expect(allowed).toEqual(expect.arrayContaining(["apikey", "authorization", "content-type", "x-client-info", "x-supabase-api-version"]));

    const res = await fetch(`${server.url}/auth/v1/user`, { headers: { origin, apikey: anonKey } });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-expose-headers")).toContain("X-Supabase-Api-Version");
  });
});
