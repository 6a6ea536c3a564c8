import { beforeEach, describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { supabaseFor, uniqueEmail, mailingAuthSuite } from "./setup";

const SITE = "http://shop.test:3000";
const { env, mail, server } = mailingAuthSuite({ siteUrl: SITE });

/** The action link of the newest mail to `email`. */
function lastLink(email: string): URL {
  const [message] = mail.messages(email);
  expect(message).toBeDefined();
  const href = /href="([^"]+)"/.exec(message!.html)?.[1]?.replaceAll("&amp;", "&");
  expect(href).toBeDefined();
  return new URL(href!);
}

async function signUpUnconfirmed(password = "correct horse") {
  const email = uniqueEmail();
  const { data, error } = await supabaseFor(server).auth.signUp({
    email,
    password,
    options: { emailRedirectTo: `${SITE}/auth/confirm?next=/cart` },
  });
  expect(error).toBeNull();
  return { email, password, data };
}

const setAutoconfirm = (value: unknown, key: string = LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY) =>
  fetch(`${server.url}/auth/v1/_local/config`, {
    method: "PUT",
    headers: { apikey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY, authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ mailer_autoconfirm: value }),
  });

describe("sign-up with confirmations on", () => {
  it("answers a user without a session and mails a link to the app's redirect with token_hash and type", async () => {
    const { email, data } = await signUpUnconfirmed();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, identities: [expect.objectContaining({ provider: "email" })] });
    expect(data.user!.email_confirmed_at).toBeUndefined();

    const [message] = mail.messages(email);
    expect(message).toMatchObject({ to: email, subject: "Confirm Your Email" });
    expect(message!.text).toMatch(/enter the code: \d{6}/);
    const link = lastLink(email);
    expect(`${link.origin}${link.pathname}`).toBe(`${SITE}/auth/confirm`);
    expect(link.searchParams.get("next")).toBe("/cart");
    expect(link.searchParams.get("type")).toBe("signup");
    expect(link.searchParams.get("token_hash")).toMatch(/^[0-9a-f]{56}$/); // hex sha224, as GoTrue's TokenHash

    const [row] = await env.sql`select email_confirmed_at from auth.users where lower(email) = ${email}`;
    expect(row!.email_confirmed_at).toBeNull();
  });

  it("refuses password sign-in until the email is confirmed", async () => {
    const { email, password } = await signUpUnconfirmed();
    const { error } = await supabaseFor(server).auth.signInWithPassword({ email, password });
    expect(error).toMatchObject({ status: 400, code: "email_not_confirmed", message: "Email not confirmed" });
  });

  it("verifies the token hash once: a session and a confirmed user, then otp_expired", async () => {
    const { email, password } = await signUpUnconfirmed();
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    const client = supabaseFor(server);
    const { data, error } = await client.auth.verifyOtp({ token_hash: tokenHash, type: "signup" });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user).toMatchObject({ email, user_metadata: { email_verified: true } });
    expect(data.user!.email_confirmed_at).toBeTruthy();

    const again = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash, type: "signup" });
    expect(again.data.session).toBeNull();
    expect(again.error).toMatchObject({ status: 403, code: "otp_expired", message: "Email link is invalid or has expired" });

    const signIn = await supabaseFor(server).auth.signInWithPassword({ email, password });
    expect(signIn.error).toBeNull();
  });

  it("lets only one of two concurrent verifications of one link through", async () => {
    const { email } = await signUpUnconfirmed();
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash, type: "email" })),
    );
    expect(results.filter((r) => r.data.session).length).toBe(1);
    expect(results.filter((r) => r.error?.code === "otp_expired").length).toBe(4);
  });

  it("accepts the mailed code with the email address instead of the link", async () => {
    const { email } = await signUpUnconfirmed();
    const code = /enter the code: (\d{6})/.exec(mail.messages(email)[0]!.text)![1]!;
    const wrong = await supabaseFor(server).auth.verifyOtp({ email: uniqueEmail(), token: code, type: "email" });
    expect(wrong.error).toMatchObject({ status: 403, code: "otp_expired" });
    const { data, error } = await supabaseFor(server).auth.verifyOtp({ email, token: code, type: "email" });
    // The wrong address spent nothing: the code hashes with the address, so it matched no token.
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
  });

  it("refuses an expired link (older than GOTRUE_MAILER_OTP_EXP)", async () => {
    const { email } = await signUpUnconfirmed();
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    await env.sql`
      update auth.one_time_tokens set created_at = created_at - interval '86401 seconds'
      where user_id = (select id from auth.users where lower(email) = ${email})`;
    const { error } = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash, type: "signup" });
    expect(error).toMatchObject({ status: 403, code: "otp_expired" });
    const [{ n }] = (await env.sql`select count(*)::int as n from auth.one_time_tokens t join auth.users u on u.id = t.user_id where lower(u.email) = ${email}`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it("stores a digest of the token hash, never the link's own value", async () => {
    const { email } = await signUpUnconfirmed();
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    const rows = await env.sql`select t.token_hash, t.token_type from auth.one_time_tokens t join auth.users u on u.id = t.user_id where lower(u.email) = ${email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_type).toBe("confirmation_token");
    expect(rows[0]!.token_hash).not.toContain(tokenHash);
  });

  it("does not tell a registered address from a new one", async () => {
    const { email, data } = await signUpUnconfirmed();
    await supabaseFor(server).auth.verifyOtp({ token_hash: lastLink(email).searchParams.get("token_hash")!, type: "signup" });
    const again = await supabaseFor(server).auth.signUp({ email, password: "another pass" });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(again.data.user!.id).not.toBe(data.user!.id);
    expect(again.data.user!.email).toBe(email);
  });

  it("sends mail links to the site's /auth/confirm when the redirect is not allowed", async () => {
    const email = uniqueEmail();
    await supabaseFor(server).auth.signUp({ email, password: "correct horse", options: { emailRedirectTo: "https://evil.example/auth/confirm" } });
    const link = lastLink(email);
    expect(`${link.origin}${link.pathname}`).toBe(`${SITE}/auth/confirm`);
  });

  it("prefixes the token hash for a PKCE client, and the prefixed hash verifies", async () => {
    const email = uniqueEmail();
    // A PKCE client (the @supabase/ssr browser client) sends a code challenge with the sign-up.
    const res = await fetch(`${server.url}/auth/v1/signup?redirect_to=${encodeURIComponent(`${SITE}/auth/confirm`)}`, {
      method: "POST",
      headers: { apikey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY, "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse", code_challenge: "a".repeat(43), code_challenge_method: "s256" }),
    });
    expect(res.status).toBe(200);
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    expect(tokenHash).toMatch(/^pkce_[0-9a-f]{56}$/);
    const { data, error } = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash, type: "email" });
    expect(error).toBeNull();
    expect(data.session).not.toBeNull();
  });
});

describe("password recovery", () => {
  async function confirmedUser() {
    const { email, password } = await signUpUnconfirmed();
    await supabaseFor(server).auth.verifyOtp({ token_hash: lastLink(email).searchParams.get("token_hash")!, type: "signup" });
    return { email, password };
  }

  it("answers the same for unknown and known addresses, and mails only the known one", async () => {
    const unknown = uniqueEmail();
    const a = await supabaseFor(server).auth.resetPasswordForEmail(unknown, { redirectTo: `${SITE}/auth/confirm?next=/account/password` });
    expect(a).toEqual({ data: {}, error: null });
    expect(mail.messages(unknown)).toHaveLength(0);

    const { email } = await confirmedUser();
    const b = await supabaseFor(server).auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/auth/confirm?next=/account/password` });
    expect(b).toEqual({ data: {}, error: null });
    expect(mail.messages(email)[0]).toMatchObject({ subject: "Reset Your Password" });
    const link = lastLink(email);
    expect(link.searchParams.get("type")).toBe("recovery");
    expect(link.searchParams.get("next")).toBe("/account/password");
  });

  it("signs in through the link, sets a new password, and only the new one works", async () => {
    const { email, password } = await confirmedUser();
    await supabaseFor(server).auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/auth/confirm` });
    const client = supabaseFor(server);
    const { data, error } = await client.auth.verifyOtp({ token_hash: lastLink(email).searchParams.get("token_hash")!, type: "recovery" });
    expect(error).toBeNull();
    await client.auth.setSession({ access_token: data.session!.access_token, refresh_token: data.session!.refresh_token });
    const update = await client.auth.updateUser({ password: "a brand new one" });
    expect(update.error).toBeNull();

    const old = await supabaseFor(server).auth.signInWithPassword({ email, password });
    expect(old.error).toMatchObject({ code: "invalid_credentials" });
    const fresh = await supabaseFor(server).auth.signInWithPassword({ email, password: "a brand new one" });
    expect(fresh.error).toBeNull();
  });

  it("refuses a recovery link used as a sign-up confirmation", async () => {
    const { email } = await confirmedUser();
    await supabaseFor(server).auth.resetPasswordForEmail(email);
    const tokenHash = lastLink(email).searchParams.get("token_hash")!;
    const { error } = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash, type: "signup" });
    expect(error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("rejects bad input with GoTrue's codes", async () => {
    const empty = await supabaseFor(server).auth.resetPasswordForEmail("");
    expect(empty.error).toMatchObject({ status: 400, code: "validation_failed" });
    const noType = await fetch(`${server.url}/auth/v1/verify`, {
      method: "POST",
      headers: { apikey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY, "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
      body: JSON.stringify({ token_hash: "abc" }),
    });
    expect(noType.status).toBe(400);
    expect(await noType.json()).toEqual({ code: "validation_failed", message: "Verify requires a verification type" });
    const both = await supabaseFor(server).auth.verifyOtp({ token_hash: "abc", token: "123456", type: "email" } as never);
    expect(both.error).toMatchObject({ status: 400, code: "validation_failed" });
  });
});

describe("magic links (POST /otp)", () => {
  it("mails a magic link to a confirmed user, which signs them in", async () => {
    const { email } = await signUpUnconfirmed();
    await supabaseFor(server).auth.verifyOtp({ token_hash: lastLink(email).searchParams.get("token_hash")!, type: "signup" });
    const { error } = await supabaseFor(server).auth.signInWithOtp({ email, options: { emailRedirectTo: `${SITE}/auth/confirm` } });
    expect(error).toBeNull();
    expect(mail.messages(email)[0]).toMatchObject({ subject: "Your Magic Link" });
    const link = lastLink(email);
    expect(link.searchParams.get("type")).toBe("magiclink");
    const verified = await supabaseFor(server).auth.verifyOtp({ token_hash: link.searchParams.get("token_hash")!, type: "magiclink" });
    expect(verified.error).toBeNull();
    expect(verified.data.session).not.toBeNull();
  });

  it("creates an unconfirmed user for a new address, or refuses when told not to", async () => {
    const email = uniqueEmail();
    expect((await supabaseFor(server).auth.signInWithOtp({ email })).error).toBeNull();
    expect(lastLink(email).searchParams.get("type")).toBe("signup");
    const other = uniqueEmail();
    const refused = await supabaseFor(server).auth.signInWithOtp({ email: other, options: { shouldCreateUser: false } });
    expect(refused.error).toMatchObject({ status: 422, code: "otp_disabled" });
  });
});

describe("mail send frequency", () => {
  it("answers 429 over_email_send_rate_limit for a second mail within the interval", async () => {
    const strict = await env.startServer({ autoconfirm: false, siteUrl: SITE, mailCatcherUrl: mail.url, mailMaxFrequencySeconds: 60 });
    const email = uniqueEmail();
    await supabaseFor(strict).auth.signUp({ email, password: "correct horse" });
    const second = await supabaseFor(strict).auth.signInWithOtp({ email });
    expect(second.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
  });
});

describe("the local autoconfirm control", () => {
  beforeEach(async () => {
    expect((await setAutoconfirm(false)).status).toBe(200);
  });

  it("switches confirmations off and on at run time, for the service role key only", async () => {
    expect((await setAutoconfirm(true, LOCAL_DEFAULTS.SUPABASE_ANON_KEY)).status).toBe(403);
    expect((await setAutoconfirm("yes")).status).toBe(400);
    const on = await setAutoconfirm(true);
    expect(await on.json()).toEqual({ mailer_autoconfirm: true, mail_link: "token_hash" });
    const signedUp = await supabaseFor(server).auth.signUp({ email: uniqueEmail(), password: "correct horse" });
    expect(signedUp.data.session).not.toBeNull();
    const settings = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY } });
    expect(await settings.json()).toMatchObject({ mailer_autoconfirm: true });
    await setAutoconfirm(false);
    const pending = await supabaseFor(server).auth.signUp({ email: uniqueEmail(), password: "correct horse" });
    expect(pending.data.session).toBeNull();
  });
});

describe("mail catcher", () => {
  it("lists messages as JSON by recipient and shows them in an HTML viewer", async () => {
    const { email } = await signUpUnconfirmed();
    const res = await fetch(`${mail.url}/api/messages?to=${encodeURIComponent(email.toUpperCase())}`);
    const list = (await res.json()) as { id: string; subject: string }[];
    expect(list).toHaveLength(1);
    const inbox = await (await fetch(`${mail.url}/`)).text();
    expect(inbox).toContain(email);
    const page = await fetch(`${mail.url}/messages/${list[0]!.id}`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("sandbox=");
  });

  it("refuses a message that is not JSON or misses fields", async () => {
    const text = await fetch(`${mail.url}/api/messages`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    const partial = await fetch(`${mail.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"to":"x"}' });
    expect(partial.status).toBe(400);
  });
});
