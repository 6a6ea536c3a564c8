import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers";

// The e2e stack's own ports (playwright.config.ts passes the same variables to local/dev.ts).
const AUTH_URL = `http://127.0.0.1:${process.env.E2E_AUTH_PORT ?? 54391}`;
const MAIL_URL = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 54394}`;
const SERVICE_ROLE_KEY = "sb_secret_local_service_key_0000000000"; // LOCAL_DEFAULTS, the stand-in's
const ANON_KEY = "sb_publishable_local_anon_key_0000000000";

/** The stand-in's local control (local/auth/local-config.ts): email confirmations on or off. */
async function setAutoconfirm(on: boolean) {
  const res = await fetch(`${AUTH_URL}/auth/v1/_local/config`, {
    method: "PUT",
    headers: { apikey: ANON_KEY, authorization: `Bearer ${SERVICE_ROLE_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ mailer_autoconfirm: on }),
  });
  expect(res.status).toBe(200);
}

interface Mail { id: string; to: string; subject: string; html: string }

async function mailsTo(email: string): Promise<Mail[]> {
  return (await (await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(email)}`)).json()) as Mail[];
}

/** Waits for the newest mail to `email` with `subject`; answers its action link. */
async function linkInMail(email: string, subject: string): Promise<string> {
  await expect.poll(async () => (await mailsTo(email)).filter((m) => m.subject === subject).length).toBeGreaterThan(0);
  const mail = (await mailsTo(email)).find((m) => m.subject === subject)!;
  return /href="([^"]+)"/.exec(mail.html)![1]!.replaceAll("&amp;", "&");
}

// Next's route announcer is role=alert too: the shop's own alerts are <p role="alert">.
const headerSignIn = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" });

const newEmail = () => `e2e-auth-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("with email confirmations on", () => {
  test.beforeAll(() => setAutoconfirm(false));
  test.afterAll(() => setAutoconfirm(true));

  test("sign up, check email in the mail viewer, follow the link, signed in", async ({ page, context }) => {
    const email = newEmail();
    await page.goto("/signup?next=/account/orders");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("e2e-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(headerSignIn(page)).toBeVisible(); // not signed in
    await expectAccessible(page);

    // Not confirmed yet: password sign-in says what to do.
    await signIn(page, email, "e2e-password-1");
    await expect(page.locator("p[role=alert]")).toHaveText(/Confirm your email address first/);

    // The mail viewer lists the message; its link opens the shop in a new tab.
    await linkInMail(email, "Confirm Your Email");
    await page.goto(MAIL_URL);
    await page.getByRole("row", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) }).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Confirm Your Email" })).toBeVisible();
    const opened = context.waitForEvent("page");
    await page.frameLocator("iframe").getByRole("link", { name: "Confirm your email address" }).click();
    const shop = await opened;

    await expect(shop).toHaveURL(/\/account\/orders$/);
    await expect(shop.getByRole("heading", { name: "My orders" })).toBeVisible();
    await expect(shop.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(shop.getByRole("link", { name: "My orders" })).toBeVisible();

    // The link worked once.
    await shop.goto(await linkInMail(email, "Confirm Your Email"));
    await expect(shop).toHaveURL(/\/login\?error=link_invalid$/);
    await expect(shop.locator("p[role=alert]")).toHaveText(/invalid or has expired/);
  });
});

test.describe("password reset", () => {
  test("request a link, follow it, set a new password, sign in with it", async ({ page }) => {
    const email = newEmail();
    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("old-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(headerSignIn(page)).toBeVisible();

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page).toHaveURL(/\/login\/forgot$/);
    await expectAccessible(page);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toHaveText(`If an account exists for ${email}, we sent a link to reset its password. It works once, for one hour.`);

    const link = await linkInMail(email, "Reset Your Password");
    await page.goto(link);
    await expect(page).toHaveURL(/\/account\/password$/);
    await expectAccessible(page);
    // Supabase refuses the current password as the new one (422 same_password): the form says why.
    await page.getByLabel("New password", { exact: true }).fill("old-password-1");
    await page.getByLabel("Repeat the new password").fill("old-password-1");
    await page.getByRole("button", { name: "Save password" }).click();
    await expect(page.locator("p[role=alert]")).toHaveText("Your new password must differ from the current one.");
    await page.getByLabel("New password", { exact: true }).fill("new-password-2");
    await page.getByLabel("Repeat the new password").fill("new-password-2");
    await page.getByRole("button", { name: "Save password" }).click();
    await expect(page.getByRole("status")).toHaveText(/Your password has been changed/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(headerSignIn(page)).toBeVisible();

    await signIn(page, email, "old-password-1");
    await expect(page.locator("p[role=alert]")).toHaveText("Invalid login credentials");
    await signIn(page, email, "new-password-2");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    // A used reset link explains itself on the forgot-password page.
    await page.goto(link);
    await expect(page).toHaveURL(/\/login\/forgot\?error=link_invalid$/);
    await expect(page.locator("p[role=alert]")).toHaveText(/invalid or has expired/);
  });

  test("answers an unknown address like a known one, and mails nothing", async ({ page }) => {
    const email = newEmail();
    await page.goto("/login/forgot");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toHaveText(new RegExp(`^If an account exists for ${email.replace(/[.+]/g, "\\$&")}`));
    expect(await mailsTo(email)).toEqual([]);
  });

  test("the new-password page needs a signed-in shopper", async ({ page }) => {
    await page.goto("/account/password");
    await expect(page).toHaveURL(/\/login\?next=(%2F|\/)account(%2F|\/)password$/);
  });
});
