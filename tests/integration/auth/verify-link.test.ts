import { describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { clientFor, codeOf, lastLink, openLink, pkcePair, post } from "./pkce-helpers";
import { anonKey, uniqueEmail, mailingAuthSuite } from "./setup";

// GET /auth/v1/verify as supabase/auth's verifyGet answers it (internal/api/verify.go): redirects for
// the implicit flow (session in the fragment), PKCE (code in the query) and refused links
// (prepErrorRedirectURL), written with Go's url encoding.
const SITE = "http://shop.test:3000";
const REDIRECT = `${SITE}/auth/confirm?next=/cart`;
const { env, mail, server } = mailingAuthSuite({ siteUrl: SITE, mailLink: "confirmation_url" });

async function signUp(flow: "pkce" | "implicit", emailRedirectTo = REDIRECT) {
  const email = uniqueEmail();
  const { data, error } = await clientFor(server, flow).auth.signUp({ email, password: "correct horse", options: { emailRedirectTo } });
  expect(error).toBeNull();
  return { email, userId: data.user!.id, link: lastLink(mail, email) };
}

const fragmentOf = (location: string) => new URLSearchParams(location.slice(location.indexOf("#") + 1));

describe("the implicit flow", () => {
  it("redirects with the session in the fragment, keys sorted as Go encodes them", async () => {
    const { userId, link } = await signUp("implicit");
    expect(new URL(link).searchParams.get("token")).toMatch(/^[0-9a-f]{56}$/); // no pkce_ prefix
    const { status, location } = await openLink(link);
    expect(status).toBe(303);
    expect(location.startsWith(`${REDIRECT}#access_token=`)).toBe(true);
    const fragment = fragmentOf(location);
    expect([...fragment.keys()]).toEqual(["access_token", "expires_at", "expires_in", "refresh_token", "sb", "token_type", "type"]);
    expect(Object.fromEntries(fragment)).toMatchObject({ expires_in: "3600", token_type: "bearer", type: "signup", sb: "" });
    const { data } = await clientFor(server, "implicit").auth.getUser(fragment.get("access_token")!);
    expect(data.user).toMatchObject({ id: userId });
    expect(data.user!.email_confirmed_at).toBeTruthy();
  });

  it("redirects a used link with the error in the fragment only", async () => {
    const { link } = await signUp("implicit");
    await openLink(link);
    const { status, location } = await openLink(link);
    expect(status).toBe(303);
    expect(location).toBe(
      `${REDIRECT}#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=`,
    );
  });
});

describe("the PKCE flow", () => {
  it("redirects a used link with the error in the query as well", async () => {
    const { link } = await signUp("pkce");
    expect(codeOf((await openLink(link)).location)).toMatch(/^[0-9a-f-]{36}$/);
    const { location } = await openLink(link);
    const errors = "error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired";
    expect(location).toBe(`${SITE}/auth/confirm?${errors}&next=%2Fcart#${errors}&sb=`);
  });

  it("lets one of two concurrent openings of a link through", async () => {
    const { link } = await signUp("pkce");
    const [a, b] = await Promise.all([openLink(link), openLink(link)]);
    expect([codeOf(a.location) !== "", codeOf(b.location) !== ""].sort()).toEqual([false, true]);
  });

  it("refuses a link whose flow state is gone, and rolls back: the link still works once it is back", async () => {
    const { userId, link } = await signUp("pkce");
    const [saved] = await env.sql`delete from auth.flow_state where user_id = ${userId} returning *`;
    const { location } = await openLink(link);
    // GoTrue wraps issueAuthCode's 422 in a 400 (its message keeps the "422: " of HTTPError.Error()).
    const message = "No associated flow state found. 422: No valid flow state found for user.";
    expect(new URL(location).searchParams.get("error_description")).toBe(message);
    expect(new URL(location).searchParams.get("error")).toBe("invalid_request");
    expect(new URL(location).searchParams.get("error_code")).toBe("flow_state_not_found");
    // URL.String escapes the encoded fragment once more, as Go does.
    expect(location.split("#")[1]).toBe(
      "error=invalid_request&error_code=flow_state_not_found&error_description=No+associated+flow+state+found.+422%253A+No+valid+flow+state+found+for+user.&sb=",
    );
    const [user] = await env.sql<{ confirmed: boolean }[]>`select email_confirmed_at is not null as confirmed from auth.users where id = ${userId}`;
    expect(user!.confirmed).toBe(false);

    await env.sql`insert into auth.flow_state ${env.sql(saved!)}`;
    expect(codeOf((await openLink(link)).location)).toBe(saved!.auth_code);
  });

  it("sends an unknown link back with otp_expired", async () => {
    const { location } = await openLink(`${server.url}/auth/v1/verify?token=pkce_${"0".repeat(56)}&type=signup&redirect_to=${encodeURIComponent(REDIRECT)}`);
    expect(new URL(location).searchParams.get("error_code")).toBe("otp_expired");
  });

  it("hands out the code of the user's newest flow state when they asked twice", async () => {
    const email = uniqueEmail();
    const pairs = [pkcePair(), pkcePair()];
    for (const { challenge } of pairs) {
      const res = await post(server, "/signup", { email, password: "correct horse", code_challenge: challenge, code_challenge_method: "s256" });
      expect(res.status).toBe(200);
    }
    const code = codeOf((await openLink(lastLink(mail, email))).location);
    expect((await post(server, "/token?grant_type=pkce", { auth_code: code, code_verifier: pairs[0]!.verifier })).status).toBe(400);
    expect((await post(server, "/token?grant_type=pkce", { auth_code: code, code_verifier: pairs[1]!.verifier })).status).toBe(200);
  });
});

describe("where it redirects", () => {
  it("falls back to the site URL for a redirect that is not allowed", async () => {
    const { link } = await signUp("pkce", "https://evil.example/steal");
    expect(new URL(link).searchParams.get("redirect_to")).toBe(SITE);
    const { location } = await openLink(link);
    expect(location).toMatch(new RegExp(`^${SITE}\\?code=[0-9a-f-]{36}$`));
  });

  it("takes an allowed redirect_to of the request, else the Referer, else the site URL", async () => {
    const open = (redirectTo: string, referer?: string) =>
      fetch(`${server.url}/auth/v1/verify?token=${"0".repeat(56)}&type=signup&redirect_to=${encodeURIComponent(redirectTo)}`, {
        redirect: "manual",
        headers: referer ? { referer } : {},
      }).then((r) => r.headers.get("location")!.split("#")[0]);
    expect(await open(`${SITE}/a`)).toBe(`${SITE}/a`);
    expect(await open("https://evil.example/", `${SITE}/from`)).toBe(`${SITE}/from`);
    expect(await open("https://evil.example/", "https://evil.example/")).toBe(SITE);
  });
});

describe("requests GoTrue answers with JSON", () => {
  it.each([
    ["token=abc", "Verify requires a verification type"],
    ["type=signup", "Verify requires a token or a token hash"],
    ["token=pkce_abc&type=email", 'unsupported authentication method "email"'],
  ])("GET /verify?%s → 400", async (query, message) => {
    const res = await fetch(`${server.url}/auth/v1/verify?${query}`, { redirect: "manual", headers: { "x-supabase-api-version": "2024-01-01" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "validation_failed", message });
  });

  it("needs no apikey for /verify, unlike the other routes", async () => {
    expect((await fetch(`${server.url}/auth/v1/verify?token=abc&type=signup`, { redirect: "manual" })).status).toBe(303);
    expect((await fetch(`${server.url}/auth/v1/token?grant_type=pkce`, { method: "POST" })).status).toBe(401);
  });
});

describe("the mail link setting", () => {
  it("switches between the app's token_hash link and {{ .ConfirmationURL }} at run time", async () => {
    const setLink = (mail_link: unknown) =>
      fetch(`${server.url}/auth/v1/_local/config`, {
        method: "PUT",
        headers: { apikey: anonKey, authorization: `Bearer ${LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ mail_link }),
      });
    try {
      const res = await setLink("token_hash");
      expect(await res.json()).toEqual({ mailer_autoconfirm: false, mail_link: "token_hash" });
      const { link } = await signUp("pkce");
      expect(link).toMatch(new RegExp(`^${SITE}/auth/confirm\\?next=%2Fcart&token_hash=pkce_[0-9a-f]{56}&type=signup$`));
      expect((await setLink("verify")).status).toBe(400);
    } finally {
      expect((await setLink("confirmation_url")).status).toBe(200);
    }
    const { link } = await signUp("pkce");
    expect(link.startsWith(`${server.url}/auth/v1/verify?token=pkce_`)).toBe(true);
  });

  it("works with a verifier made here: POST /signup with a challenge, code exchange", async () => {
    const { verifier, challenge } = pkcePair();
    const email = uniqueEmail();
    await post(server, "/signup", { email, password: "correct horse", code_challenge: challenge, code_challenge_method: "s256" });
    const code = codeOf((await openLink(lastLink(mail, email))).location);
    const res = await post(server, "/token?grant_type=pkce", { auth_code: code, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: "bearer", user: { email } });
  });
});
