import { describe, expect, it, vi } from "vitest";
import { clientFor, codeOf, exchange, lastLink, openLink, pkcePair, post } from "./pkce-helpers";
import { uniqueEmail, mailingAuthSuite } from "./setup";

// PKCE for mailed links, as supabase/auth does it: the flow state a code challenge opens
// (internal/api/pkce.go), GET /verify's redirect with ?code= (internal/api/verify.go) and the
// grant_type=pkce exchange (internal/api/token.go), driven by supabase-js where a browser would.
const SITE = "http://shop.test:3000";
const REDIRECT = `${SITE}/auth/confirm?next=/cart`;
const { env, mail, server } = mailingAuthSuite({ siteUrl: SITE, mailLink: "confirmation_url" });

const flowStates = (userId: string) =>
  env.sql<{ authentication_method: string; provider_type: string; code_challenge_method: string; auth_code_issued_at: Date | null }[]>`
    select authentication_method, provider_type, code_challenge_method::text, auth_code_issued_at
    from auth.flow_state where user_id = ${userId}`;

/** A PKCE sign-up with our own verifier: the user's id, the verifier and the mailed link. */
async function signUpRaw() {
  const email = uniqueEmail();
  const { verifier, challenge } = pkcePair();
  const res = await post(server, `/signup?redirect_to=${encodeURIComponent(REDIRECT)}`, {
    email,
    password: "correct horse",
    code_challenge: challenge,
    code_challenge_method: "s256",
  });
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  return { email, userId: id, verifier, link: lastLink(mail, email) };
}

/** Signs up raw and follows the mailed link: the auth code GET /verify redirected with. */
async function codeFromSignUp() {
  const signedUp = await signUpRaw();
  const opened = await openLink(signedUp.link);
  expect(opened.status).toBe(303);
  return { ...signedUp, code: codeOf(opened.location) };
}

describe("sign-up confirmed through Supabase's default template link", () => {
  it("mails {{ .ConfirmationURL }}, redirects with a code and exchanges it for a session", async () => {
    const email = uniqueEmail();
    const browser = clientFor(server, "pkce");
    const { data, error } = await browser.auth.signUp({ email, password: "correct horse", options: { emailRedirectTo: REDIRECT } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(await flowStates(data.user!.id)).toEqual([
      { authentication_method: "email/signup", provider_type: "email", code_challenge_method: "s256", auth_code_issued_at: null },
    ]);

    // GoTrue's getPath: token, type, then the redirect escaped (it holds "=").
    const link = lastLink(mail, email);
    expect(link).toMatch(
      new RegExp(`^${server.url}/auth/v1/verify\\?token=pkce_[0-9a-f]{56}&type=signup&redirect_to=${encodeURIComponent(REDIRECT).replace(/[.?]/g, "\\$&")}$`),
    );
    const opened = await openLink(link); // no apikey: mail links carry none
    expect(opened.status).toBe(303);
    expect(opened.location).toMatch(new RegExp(`^${SITE}/auth/confirm\\?code=[0-9a-f-]{36}&next=%2Fcart$`));
    expect((await flowStates(data.user!.id))[0]!.auth_code_issued_at).toBeInstanceOf(Date);

    const exchanged = await browser.auth.exchangeCodeForSession(codeOf(opened.location));
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.session?.access_token).toBeTruthy();
    expect(exchanged.data.user).toMatchObject({ id: data.user!.id, email });
    expect(exchanged.data.user!.email_confirmed_at).toBeTruthy();
    const { data: fetched } = await browser.auth.getUser(exchanged.data.session!.access_token);
    expect(fetched.user?.id).toBe(data.user!.id);
    expect(await flowStates(data.user!.id)).toEqual([]); // used up
  });

  it("refuses a wrong verifier with bad_code_verifier and keeps the flow for the right one", async () => {
    const { code, verifier } = await codeFromSignUp();
    const wrong = await exchange(server, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ code: "bad_code_verifier", message: "code challenge does not match previously saved code verifier" });

    // Another client (its own verifier) gets the same refusal through supabase-js.
    const other = clientFor(server, "pkce");
    await other.auth.signInWithOtp({ email: uniqueEmail(), options: { shouldCreateUser: true } }); // stores a verifier
    const { error } = await other.auth.exchangeCodeForSession(code);
    expect(error).toMatchObject({ status: 400, code: "bad_code_verifier" });

    expect((await exchange(server, code, verifier)).status).toBe(200);
  });

  it("gives one session for a code used twice, and for one exchanged by eight requests at once", async () => {
    const first = await codeFromSignUp();
    expect((await exchange(server, first.code, first.verifier)).status).toBe(200);
    const again = await exchange(server, first.code, first.verifier);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ code: "flow_state_not_found", message: "invalid flow state, no valid flow state found" });

    const second = await codeFromSignUp();
    const answers = await Promise.all(Array.from({ length: 8 }, () => exchange(server, second.code, second.verifier)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    const [row] = await env.sql<{ sessions: number }[]>`
      select count(*)::int as sessions from auth.sessions where user_id = ${second.userId}`;
    expect(row!.sessions).toBe(1);
  });

  it("refuses a code whose flow state is older than 300 s with flow_state_expired", async () => {
    const { code, verifier, userId } = await codeFromSignUp();
    await env.sql`update auth.flow_state set created_at = now() - interval '301 seconds' where user_id = ${userId}`;
    const res = await exchange(server, code, verifier);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ code: "flow_state_expired", message: "invalid flow state, flow state has expired" });
  });

  it("answers a missing code or verifier with validation_failed", async () => {
    const res = await exchange(server, "", "x");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: "validation_failed",
      message: "invalid request: both auth code and code verifier should be non-empty",
    });
  });
});

describe("password recovery and magic links through PKCE", () => {
  it("recovers: a recovery code, a session marked as recovery, a new password", async () => {
    const { email, userId, link } = await signUpRaw();
    await openLink(link); // confirmed; its code is left unused

    const browser = clientFor(server, "pkce");
    expect((await browser.auth.resetPasswordForEmail(email, { redirectTo: `${SITE}/auth/confirm?next=/account/password` })).error).toBeNull();
    expect((await flowStates(userId)).map((f) => [f.authentication_method, f.provider_type]).sort()).toEqual([
      ["email/signup", "email"],
      ["recovery", "recovery"],
    ]);
    const recoveryLink = lastLink(mail, email);
    expect(new URL(recoveryLink).searchParams.get("type")).toBe("recovery");
    const opened = await openLink(recoveryLink);
    const { data, error } = await browser.auth.exchangeCodeForSession(codeOf(opened.location));
    expect(error).toBeNull();
    // auth-js keeps "/recovery" with the verifier of a reset and reports it (not in its typings here).
    expect((data as { redirectType?: string }).redirectType).toBe("recovery");
    expect((await browser.auth.updateUser({ password: "a new password" })).error).toBeNull();
    expect((await clientFor(server, "pkce").auth.signInWithPassword({ email, password: "a new password" })).error).toBeNull();
  });

  it("times a magic link's code from when /verify issued it, not from the request", async () => {
    const { email, userId, link } = await signUpRaw();
    await openLink(link);
    const browser = clientFor(server, "pkce");
    expect((await browser.auth.signInWithOtp({ email, options: { emailRedirectTo: REDIRECT } })).error).toBeNull();
    await env.sql`update auth.flow_state set created_at = now() - interval '10 minutes' where user_id = ${userId} and authentication_method = 'magiclink'`;
    const opened = await openLink(lastLink(mail, email));
    expect(new URL(lastLink(mail, email)).searchParams.get("type")).toBe("magiclink");
    const { data, error } = await browser.auth.exchangeCodeForSession(codeOf(opened.location));
    expect(error).toBeNull();
    expect(data.user?.id).toBe(userId);
  });
});

describe("code challenge parameters (validatePKCEParams)", () => {
  const signUpWith = (extra: Record<string, unknown>) => post(server, "/signup", { email: uniqueEmail(), password: "correct horse", ...extra });

  it.each([
    [{ code_challenge: "a".repeat(43) }, "PKCE flow requires code_challenge_method and code_challenge"],
    [{ code_challenge_method: "s256" }, "PKCE flow requires code_challenge_method and code_challenge"],
    [{ code_challenge: "a".repeat(42), code_challenge_method: "s256" }, "code challenge has to be between 43 and 128 characters"],
    [{ code_challenge: "a".repeat(129), code_challenge_method: "s256" }, "code challenge has to be between 43 and 128 characters"],
    [
      { code_challenge: `${"a".repeat(42)}+`, code_challenge_method: "s256" },
      "code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes",
    ],
    [{ code_challenge: "a".repeat(43), code_challenge_method: "s512" }, 'unsupported code_challenge method "s512"'],
  ])("refuses %j on sign-up, recovery and magic link, storing nothing", async (extra, message) => {
    const email = uniqueEmail();
    for (const res of [
      await signUpWith({ ...extra, email }),
      await post(server, "/recover", { email, ...extra }),
      await post(server, "/otp", { email, ...extra }),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: "validation_failed", message });
    }
    expect(mail.messages(email)).toEqual([]);
    expect(await env.sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
  });

  it("accepts the plain method, case-insensitively, and checks the verifier as it is", async () => {
    const email = uniqueEmail();
    const verifier = pkcePair().verifier;
    const res = await post(server, "/signup", { email, password: "correct horse", code_challenge: verifier, code_challenge_method: "PLAIN" });
    expect(res.status).toBe(200);
    const code = codeOf((await openLink(lastLink(mail, email))).location);
    expect((await exchange(server, code, `${verifier}x`)).status).toBe(400);
    expect((await exchange(server, code, verifier)).status).toBe(200);
  });

  it("stores the flow state with the mail token: a failed send leaves neither", async () => {
    const { email, userId, link } = await signUpRaw();
    await openLink(link);
    const broken = await env.startServer({ autoconfirm: false, siteUrl: SITE, mailCatcherUrl: "http://127.0.0.1:9", mailMaxFrequencySeconds: 0 });
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await post(broken, "/recover", { email, code_challenge: pkcePair().challenge, code_challenge_method: "s256" });
      expect(res.status).toBe(500);
    } finally {
      errorSpy.mockRestore();
    }
    expect((await flowStates(userId)).map((f) => f.authentication_method)).toEqual(["email/signup"]);
    expect(await env.sql`select 1 from auth.one_time_tokens where user_id = ${userId}`).toHaveLength(0);
  });
});
