import { describe, expect, it } from "vitest";
import { GET as confirm } from "@/app/auth/confirm/route";
import { userIdFromRequest } from "@/lib/auth/request-user";
import { cookieSupabase } from "@/lib/auth/server-client";
import { TestBrowser } from "../../helpers/browser";
import { lastLink, openLink } from "./pkce-helpers";
import { uniqueEmail, mailingAuthSuite, shopUsesStandIn } from "./setup";

// The shop's /auth/confirm?code= path, reached the way Supabase's default templates reach it: the
// @supabase/ssr client (PKCE, verifier in a cookie) asks for the mail, GoTrue's GET /verify redirects
// with the code, the route exchanges it with the cookie's verifier.
const SHOP = "http://127.0.0.1:3000";
const { env, mail, server } = mailingAuthSuite({ siteUrl: SHOP, mailLink: "confirmation_url" });

shopUsesStandIn(server, SHOP);

/** The cookie-backed client of a browser, as the shop's pages use it. */
const clientOf = (browser: TestBrowser) =>
  cookieSupabase({
    getAll: () => [...browser.cookies].map(([name, value]) => ({ name, value })),
    setAll: (cookies) => {
      for (const { name, value } of cookies) {
        if (value === "") browser.cookies.delete(name);
        else browser.cookies.set(name, value);
      }
    },
  });

const asRequest = (browser: TestBrowser) =>
  new Request(`${SHOP}/account/orders`, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ") },
  });

/** Opens the newest mail's link: GoTrue's redirect, as a path on the shop. */
async function followMail(email: string): Promise<string> {
  const { status, location } = await openLink(lastLink(mail, email));
  expect(status).toBe(303);
  const url = new URL(location);
  expect(url.origin).toBe(SHOP);
  return `${url.pathname}${url.search}`;
}

describe("GET /auth/confirm?code= after GoTrue's /verify", () => {
  it("exchanges the code with this browser's verifier cookie and signs the shopper in", async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail();
    const { data } = await clientOf(browser).auth.signUp({
      email,
      password: "correct horse",
      options: { emailRedirectTo: `${SHOP}/auth/confirm?next=${encodeURIComponent("/cart?from=mail")}` },
    });
    expect([...browser.cookies.keys()].some((name) => name.endsWith("-code-verifier"))).toBe(true);

    const path = await followMail(email);
    expect(path).toMatch(/^\/auth\/confirm\?code=[0-9a-f-]{36}&next=%2Fcart%3Ffrom%3Dmail$/);
    const res = await browser.call(confirm, { path });
    expect(res.headers.get("location")).toBe("/cart?from=mail");
    expect(await userIdFromRequest(asRequest(browser))).toBe(data.user!.id);

    // The code worked once: the same browser gets the shop's invalid-link answer next time.
    const again = await browser.call(confirm, { path });
    expect(again.headers.get("location")).toBe("/login?error=link_invalid");
  });

  it("refuses the code in a browser without the verifier, and with another browser's verifier", async () => {
    const asker = new TestBrowser();
    const email = uniqueEmail();
    await clientOf(asker).auth.signUp({ email, password: "correct horse", options: { emailRedirectTo: `${SHOP}/auth/confirm?next=/` } });
    const path = await followMail(email);

    const stranger = new TestBrowser();
    expect((await stranger.call(confirm, { path })).headers.get("location")).toBe("/login?error=link_invalid");

    const otherAsker = new TestBrowser();
    await clientOf(otherAsker).auth.resetPasswordForEmail(uniqueEmail(), { redirectTo: `${SHOP}/auth/confirm?next=/` });
    expect([...otherAsker.cookies.keys()].some((name) => name.endsWith("-code-verifier"))).toBe(true); // a verifier of its own
    expect((await otherAsker.call(confirm, { path })).headers.get("location")).toBe("/login?error=link_invalid");

    // The asker's browser still can: a refused verifier does not use the code up.
    expect((await asker.call(confirm, { path })).headers.get("location")).toBe("/");
  });

  it("says the address is confirmed when the code comes back after its flow state expired", async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail();
    const { data } = await clientOf(browser).auth.signUp({ email, password: "correct horse", options: { emailRedirectTo: `${SHOP}/auth/confirm?next=/` } });
    const path = await followMail(email);
    await env.sql`update auth.flow_state set created_at = now() - interval '301 seconds' where user_id = ${data.user!.id}`;

    expect((await browser.call(confirm, { path })).headers.get("location")).toBe("/login?error=link_expired");
    const [user] = await env.sql<{ confirmed: boolean }[]>`select email_confirmed_at is not null as confirmed from auth.users where id = ${data.user!.id}`;
    expect(user!.confirmed).toBe(true);
    expect((await clientOf(new TestBrowser()).auth.signInWithPassword({ email, password: "correct horse" })).error).toBeNull();
  });
});
