import { describe, expect, it, vi } from "vitest";
import { GET as confirm } from "@/app/auth/confirm/route";
import { resetEnvCache } from "@/lib/env";
import { userIdFromRequest } from "@/lib/auth/request-user";
import { TestBrowser } from "../../helpers/browser";
import { supabaseFor, uniqueEmail, mailingAuthSuite, shopUsesStandIn } from "./setup";

const SHOP = "http://127.0.0.1:3000";
const { mail, server } = mailingAuthSuite({ siteUrl: SHOP });

shopUsesStandIn(server, SHOP);

/** The path and query of the newest mail's link to `email` (the shop's /auth/confirm). */
function mailedPath(email: string): string {
  const href = /href="([^"]+)"/.exec(mail.messages(email)[0]!.html)![1]!.replaceAll("&amp;", "&");
  const url = new URL(href);
  expect(url.origin).toBe(SHOP);
  expect(url.pathname).toBe("/auth/confirm");
  return `${url.pathname}${url.search}`;
}

/** The browser's cookies as a request the app would receive. */
const asRequest = (browser: TestBrowser) =>
  new Request(`${SHOP}/account/orders`, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ") },
  });

async function signUp(next: string) {
  const email = uniqueEmail();
  const { data } = await supabaseFor(server).auth.signUp({
    email,
    password: "correct horse",
    options: { emailRedirectTo: `${SHOP}/auth/confirm?next=${encodeURIComponent(next)}` },
  });
  expect(data.session).toBeNull();
  return { email, user: data.user! };
}

describe("GET /auth/confirm", () => {
  it("confirms the sign-up, sets the session cookie and redirects to next", async () => {
    const { email, user } = await signUp("/cart?from=mail");
    const browser = new TestBrowser();
    const res = await browser.call(confirm, { path: mailedPath(email) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?from=mail");
    expect([...browser.cookies.keys()].some((name) => name.startsWith("sb-127-auth-token"))).toBe(true);
    expect(await userIdFromRequest(asRequest(browser))).toBe(user.id);
  });

  it("sends a used or unknown link to /login with a message, setting no cookie", async () => {
    const { email } = await signUp("/");
    const path = mailedPath(email);
    await new TestBrowser().call(confirm, { path });
    const browser = new TestBrowser();
    const again = await browser.call(confirm, { path });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/login?error=link_invalid");
    expect(browser.cookies.size).toBe(0);
  });

  it("sends a bad recovery link to the forgot-password page", async () => {
    const res = await new TestBrowser().call(confirm, { path: `/auth/confirm?token_hash=${"0".repeat(56)}&type=recovery` });
    expect(res.headers.get("location")).toBe("/login/forgot?error=link_invalid");
  });

  it.each([
    "/auth/confirm",
    "/auth/confirm?type=signup",
    "/auth/confirm?token_hash=abc&type=sms",
    "/auth/confirm?token_hash=%3Cscript%3E&type=signup",
    `/auth/confirm?token_hash=${"a".repeat(600)}&type=signup`,
  ])("answers %s with a redirect, never a 500", async (path) => {
    const res = await new TestBrowser().call(confirm, { path });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/login(\/forgot)?\?error=link_invalid$/);
  });

  it("refuses a PKCE code this browser holds no verifier for, with the same message", async () => {
    const errorSpy = vi.spyOn(console, "error");
    const res = await new TestBrowser().call(confirm, { path: "/auth/confirm?code=3b0c6f55-1d2b-4c8e-9a39-6a4f1f7e2d10&next=/cart" });
    expect(res.headers.get("location")).toBe("/login?error=link_invalid");
    expect(errorSpy).not.toHaveBeenCalled();
    errorSpy.mockRestore();
  });

  it("takes a recovery link to /account/password, signed in", async () => {
    const { email, user } = await signUp("/");
    await new TestBrowser().call(confirm, { path: mailedPath(email) });
    await supabaseFor(server).auth.resetPasswordForEmail(email, { redirectTo: `${SHOP}/auth/confirm?next=/account/password` });
    const browser = new TestBrowser();
    const res = await browser.call(confirm, { path: mailedPath(email) });
    expect(res.headers.get("location")).toBe("/account/password");
    expect(await userIdFromRequest(asRequest(browser))).toBe(user.id);
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example/x", "javascript:alert(1)"])(
    "never follows next=%s off the shop",
    async (next) => {
      const { email } = await signUp(next);
      const res = await new TestBrowser().call(confirm, { path: mailedPath(email) });
      expect(res.headers.get("location")).toBe("/");
    },
  );

  it("logs and explains when Supabase Auth cannot be reached", async () => {
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    process.env.NEXT_PUBLIC_SUPABASE_URL = "http://127.0.0.1:9";
    resetEnvCache();
    try {
      const res = await new TestBrowser().call(confirm, { path: `/auth/confirm?token_hash=${"0".repeat(56)}&type=signup` });
      expect(res.headers.get("location")).toBe("/login?error=unavailable");
      expect(errorSpy).toHaveBeenCalled();
    } finally {
      process.env.NEXT_PUBLIC_SUPABASE_URL = server.url;
      resetEnvCache();
      errorSpy.mockRestore();
    }
  });
});
