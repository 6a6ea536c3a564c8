import { describe, expect, it } from "vitest";
import { supabaseFor, uniqueEmail, mailingAuthSuite } from "./setup";

/**
 * Which `emailRedirectTo` a mail link may carry: GoTrue's IsRedirectURLValid (supabase/auth
 * internal/utilities/request.go), with allow-list entries compiled as globs (gobwas/glob with "." and
 * "/" as separators, internal/conf/configuration.go). Anything else sends the shopper to the site.
 */
const SITE = "http://shop.test:3000";
const { mail, server } = mailingAuthSuite({ siteUrl: SITE, redirectAllowList: ["https://*.example.com/**", "https://exact.example.org"] });

/** Where the sign-up mail's link points, without its query. */
async function linkTarget(emailRedirectTo: string): Promise<string> {
  const email = uniqueEmail();
  const { error } = await supabaseFor(server).auth.signUp({ email, password: "correct horse", options: { emailRedirectTo } });
  expect(error).toBeNull();
  const href = /href="([^"]+)"/.exec(mail.messages(email)[0]!.html)![1]!.replaceAll("&amp;", "&");
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

describe("mail link redirects", () => {
  it.each([
    ["the site itself", `${SITE}/auth/confirm?next=/cart`, `${SITE}/auth/confirm`],
    ["a loopback IP on any port", "http://127.0.0.1:4321/auth/confirm", "http://127.0.0.1:4321/auth/confirm"],
    ["an allow-list glob", "https://shop.example.com/auth/confirm?next=/x", "https://shop.example.com/auth/confirm"],
    ["an exact allow-list entry", "https://exact.example.org", "https://exact.example.org/"],
  ])("keeps %s", async (_label, redirect, expected) => {
    expect(await linkTarget(redirect)).toBe(expected);
  });

  it.each([
    // "localhost" by name is no loopback IP: GoTrue sends it to the allow list, which lacks it.
    ["localhost on another port than the site", "http://localhost:9999/auth/confirm"],
    // A glob's "*" stops at a dot; the old prefix match let these through.
    ["a deeper subdomain than the glob's *", "https://a.b.example.com/auth/confirm"],
    ["an allow-list entry as a mere prefix", "https://exact.example.org.evil.example/auth/confirm"],
    ["userinfo that looks like an allowed host", "https://exact.example.org@evil.example/auth/confirm"],
    ["a decimal IP", "http://2130706433/auth/confirm"],
  ])("refuses %s and uses the site URL", async (_label, redirect) => {
    expect(await linkTarget(redirect)).toBe(`${SITE}/auth/confirm`);
  });
});
