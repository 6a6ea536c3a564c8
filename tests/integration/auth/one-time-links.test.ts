import { beforeAll, describe, expect, it } from "vitest";
import type { AuthServer } from "../../../local/auth";
import { supabaseFor, uniqueEmail, mailingAuthSuite } from "./setup";

/**
 * Refusals of Supabase Auth the stand-in once let through (supabase/auth internal/models/user.go
 * and internal/api/mail.go): a used or superseded mail link, and a mail asked for again too soon.
 */
const SITE = "http://shop.test:3000";
const LINK_EXPIRED = { status: 403, code: "otp_expired", message: "Email link is invalid or has expired" };
const { env, mail, server } = mailingAuthSuite({ siteUrl: SITE });
let strict: AuthServer;
beforeAll(async () => {
  // GoTrue's own default GOTRUE_SMTP_MAX_FREQUENCY (1 minute), as on hosted Supabase.
  strict = await env.startServer({ autoconfirm: false, siteUrl: SITE, mailCatcherUrl: mail.url, mailMaxFrequencySeconds: 60 });
});

/** The token hash of the newest mail of this type to `email`. */
function tokenHash(email: string, type: "signup" | "recovery"): string {
  const link = mail
    .messages(email)
    .map((m) => /href="([^"]+)"/.exec(m.html)?.[1]?.replaceAll("&amp;", "&"))
    .map((href) => new URL(href!))
    .find((url) => url.searchParams.get("type") === type);
  expect(link).toBeDefined();
  return link!.searchParams.get("token_hash")!;
}

async function signUpUnconfirmed(on: AuthServer) {
  const email = uniqueEmail();
  const { error } = await supabaseFor(on).auth.signUp({ email, password: "correct horse" });
  expect(error).toBeNull();
  return email;
}

describe("a verified link takes the user's other links with it (ClearAllOneTimeTokensForUser)", () => {
  it("refuses a recovery link mailed before the sign-up link was used", async () => {
    const email = await signUpUnconfirmed(server);
    expect((await supabaseFor(server).auth.resetPasswordForEmail(email)).error).toBeNull();
    const recovery = tokenHash(email, "recovery");

    const confirmed = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash(email, "signup"), type: "signup" });
    expect(confirmed.error).toBeNull();
    const late = await supabaseFor(server).auth.verifyOtp({ token_hash: recovery, type: "recovery" });
    expect(late.error).toMatchObject(LINK_EXPIRED);
    expect(late.data.session).toBeNull();
  });

  it("refuses the sign-up link once a recovery link has signed the user in", async () => {
    const email = await signUpUnconfirmed(server);
    const signup = tokenHash(email, "signup");
    expect((await supabaseFor(server).auth.resetPasswordForEmail(email)).error).toBeNull();

    const recovered = await supabaseFor(server).auth.verifyOtp({ token_hash: tokenHash(email, "recovery"), type: "recovery" });
    expect(recovered.error).toBeNull();
    const late = await supabaseFor(server).auth.verifyOtp({ token_hash: signup, type: "signup" });
    expect(late.error).toMatchObject(LINK_EXPIRED);
  });
});

describe("a new password revokes the links mailed before it (User.UpdatePassword)", () => {
  it("refuses a pending recovery link after the password was changed from the account page", async () => {
    const email = await signUpUnconfirmed(server);
    const client = supabaseFor(server);
    expect((await client.auth.verifyOtp({ token_hash: tokenHash(email, "signup"), type: "signup" })).error).toBeNull();
    expect((await supabaseFor(server).auth.resetPasswordForEmail(email)).error).toBeNull();
    const recovery = tokenHash(email, "recovery");

    expect((await client.auth.updateUser({ password: "a brand new one" })).error).toBeNull();
    const late = await supabaseFor(server).auth.verifyOtp({ token_hash: recovery, type: "recovery" });
    expect(late.error).toMatchObject(LINK_EXPIRED);
    const [left] = await env.sql`
      select count(*)::int as n from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.email = ${email}`;
    expect(left!.n).toBe(0);
  });
});

describe("the send-frequency clock belongs to the user, not to the link (validateSentWithinFrequencyLimit)", () => {
  const TOO_SOON = { status: 429, code: "over_email_send_rate_limit" };

  it("still refuses a second recovery mail within the interval after the first link was used", async () => {
    const email = await signUpUnconfirmed(strict);
    expect((await supabaseFor(strict).auth.resetPasswordForEmail(email)).error).toBeNull();
    const client = supabaseFor(strict);
    expect((await client.auth.verifyOtp({ token_hash: tokenHash(email, "recovery"), type: "recovery" })).error).toBeNull();

    const again = await supabaseFor(strict).auth.resetPasswordForEmail(email);
    expect(again.error).toMatchObject(TOO_SOON);
    // Go's Duration / time.Second truncates: 60 s minus the time the test took.
    expect(again.error!.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
    // A magic link runs on the recovery clock too (sendMagicLink).
    expect((await supabaseFor(strict).auth.signInWithOtp({ email })).error).toMatchObject(TOO_SOON);
  });

  it("keeps the confirmation clock after the sign-up link was used, and a new password stops both clocks", async () => {
    const email = await signUpUnconfirmed(strict);
    const client = supabaseFor(strict);
    expect((await client.auth.verifyOtp({ token_hash: tokenHash(email, "signup"), type: "signup" })).error).toBeNull();
    const [row] = await env.sql`select confirmation_sent_at from auth.users where email = ${email}`;
    expect(row!.confirmation_sent_at).not.toBeNull();

    expect((await supabaseFor(strict).auth.resetPasswordForEmail(email)).error).toBeNull();
    expect((await supabaseFor(strict).auth.resetPasswordForEmail(email)).error).toMatchObject(TOO_SOON);
    expect((await client.auth.updateUser({ password: "a brand new one" })).error).toBeNull();
    expect((await supabaseFor(strict).auth.resetPasswordForEmail(email)).error).toBeNull();
  });
});

describe("mailed links expire after an hour, as on Supabase (auth.email.otp_expiry = 3600)", () => {
  const age = (email: string, seconds: number) => env.sql`
    update auth.one_time_tokens set created_at = created_at - make_interval(secs => ${seconds})
    where user_id = (select id from auth.users where email = ${email})`;

  it("refuses a sign-up link older than an hour and accepts one just under", async () => {
    const defaults = await env.startServer({ autoconfirm: false, siteUrl: SITE, mailCatcherUrl: mail.url });
    const stale = await signUpUnconfirmed(defaults);
    await age(stale, 3601);
    const late = await supabaseFor(defaults).auth.verifyOtp({ token_hash: tokenHash(stale, "signup"), type: "signup" });
    expect(late.error).toMatchObject(LINK_EXPIRED);

    const fresh = await signUpUnconfirmed(defaults);
    await age(fresh, 3500);
    const inTime = await supabaseFor(defaults).auth.verifyOtp({ token_hash: tokenHash(fresh, "signup"), type: "signup" });
    expect(inTime.error).toBeNull();
  });
});

describe("a link verified while another mail is asked for", () => {
  it("answers both without a server error (no lock-order deadlock between the two)", async () => {
    for (let round = 0; round < 8; round++) {
      const email = await signUpUnconfirmed(server);
      expect((await supabaseFor(server).auth.resetPasswordForEmail(email)).error).toBeNull();
      const recovery = tokenHash(email, "recovery");
      const [verified, asked] = await Promise.all([
        supabaseFor(server).auth.verifyOtp({ token_hash: recovery, type: "recovery" }),
        supabaseFor(server).auth.resetPasswordForEmail(email),
      ]);
      expect(verified.error?.status ?? 200).toBeLessThan(500);
      expect(asked.error?.status ?? 200).toBeLessThan(500);
    }
  });
});
