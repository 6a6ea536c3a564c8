import { expect, test } from "@playwright/test";

const AUTH_URL = `http://127.0.0.1:${process.env.E2E_AUTH_PORT ?? 54391}`;
const ANON_KEY = "sb_publishable_local_anon_key_0000000000";
const email = `e2e-redirect-${Date.now()}@example.test`;
const password = "e2e-password-1";

test.beforeAll(async () => {
  // A confirmed account (the e2e stack confirms sign-ups at once).
  const res = await fetch(`${AUTH_URL}/auth/v1/signup`, {
    method: "POST",
    headers: { apikey: ANON_KEY, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
});

// Each attempt and the path on the shop where signing in ends.
const ATTEMPTS: [string, string][] = [
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["\\\\evil.example", "/"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"], // a path on the shop (its 404 page)
  ["https://evil.example/", "/"],
  ["javascript:alert(document.domain)", "/"],
  ["/\t/evil.example", "/"],
  ["/.//evil.example", "/"],
  ["//127.0.0.1@evil.example", "/"],
];

for (const [next, landing] of ATTEMPTS) {
  test(`signing in with next=${JSON.stringify(next)} stays on the shop`, async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.waitForURL((url) => url.pathname === landing);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(dialogs).toEqual([]);
    // The sign-up link carries the cleaned value too.
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    const signupHref = await page.getByRole("link", { name: "Create an account" }).getAttribute("href");
    expect(new URL(signupHref!, baseURL).searchParams.get("next")).toMatch(/^\/(?!\/)/);
  });
}

test("a next on the shop is followed", async ({ page }) => {
  await page.goto("/login?next=%2Faccount%2Forders");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/orders$/);
});
