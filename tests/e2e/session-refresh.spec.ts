import { expect, test, type BrowserContext, type Cookie } from "@playwright/test";

/**
 * proxy.ts runs only when a Supabase session cookie is present; this proves that for a signed-in
 * shopper it still refreshes an expired session on page loads and API calls, and writes the new
 * session back. The requests go through the context's request client (it shares the browser's
 * cookies but runs no page JavaScript), so the browser's own supabase client cannot be the one that
 * refreshes.
 */
const SESSION_COOKIE = /^sb-[^=;\s]+-auth-token(\.\d+)?$/;
const CHUNK = 3180; // @supabase/ssr src/utils/chunker.ts MAX_CHUNK_SIZE

interface StoredSession {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  [key: string]: unknown;
}

async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  const all = (await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  return all.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}

async function readSession(context: BrowserContext): Promise<StoredSession> {
  const raw = (await sessionCookies(context)).map((c) => c.value).join("");
  expect(raw.startsWith("base64-")).toBe(true);
  return JSON.parse(Buffer.from(raw.slice("base64-".length), "base64url").toString("utf8")) as StoredSession;
}

/**
 * Marks the stored session as expired, as it is once its access token's lifetime has passed:
 * auth-js refreshes when `expires_at` is (nearly) past (GoTrueClient #__loadSession, EXPIRY_MARGIN_MS).
 */
async function expireSession(context: BrowserContext): Promise<StoredSession> {
  const cookies = await sessionCookies(context);
  const session = { ...(await readSession(context)), expires_at: Math.floor(Date.now() / 1000) - 60 };
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
  const base = cookies[0]!.name.replace(/\.\d+$/, "");
  const chunks = value.length <= CHUNK ? [[base, value]] : Array.from({ length: Math.ceil(value.length / CHUNK) }, (_, i) => [`${base}.${i}`, value.slice(i * CHUNK, (i + 1) * CHUNK)]);
  await context.clearCookies({ name: SESSION_COOKIE });
  await context.addCookies(chunks.map(([name, v]) => ({ name: name!, value: v!, domain: cookies[0]!.domain, path: "/", sameSite: "Lax" as const })));
  return session;
}

test("a signed-in shopper's expired session is refreshed by page loads and API calls", async ({ page, context }) => {
  await page.goto("/signup?next=/account/orders");
  await page.getByLabel("Email").fill(`refresh-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`);
  await page.getByLabel("Password").fill("e2e-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/account/orders");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("about:blank"); // no page script runs from here on

  for (const path of ["/account/orders", "/api/cart", "/cart", "/api/cart"]) {
    const stale = await expireSession(context);
    const res = await context.request.get(path, { maxRedirects: 0, headers: path.startsWith("/api/") ? { accept: "application/json" } : {} });
    expect(res.status(), path).toBe(200);
    const fresh = await readSession(context);
    expect(fresh.refresh_token, `${path} rotated the refresh token`).not.toBe(stale.refresh_token);
    expect(fresh.access_token, `${path} issued a new access token`).not.toBe(stale.access_token);
    expect(fresh.expires_at * 1000, `${path} stored a session that is not expired`).toBeGreaterThan(Date.now());
  }

  // The refreshed cookies are the ones that count: the account page still knows the shopper.
  await page.goto("/account/orders");
  await expect(page).toHaveURL((url) => url.pathname === "/account/orders");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
