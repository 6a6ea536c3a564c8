import { expect, test, type Browser, type Page } from "@playwright/test";

// Supabase's default email templates link to GoTrue's own GET /auth/v1/verify ({{ .ConfirmationURL }}),
// which redirects a PKCE flow to the app with ?code=; /auth/confirm exchanges it with the code
// verifier this browser kept in a cookie when it signed up. The e2e stack's own ports
// (playwright.config.ts passes the same variables to local/dev.ts).
const AUTH_URL = `http://127.0.0.1:${process.env.E2E_AUTH_PORT ?? 54391}`;
const MAIL_URL = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 54394}`;
const SERVICE_ROLE_KEY = "sb_secret_local_service_key_0000000000"; // LOCAL_DEFAULTS, the stand-in's
const ANON_KEY = "sb_publishable_local_anon_key_0000000000";

/** The stand-in's local control (local/auth/local-config.ts): confirmations and the kind of mail link. */
async function configureAuth(settings: { mailer_autoconfirm: boolean; mail_link: "token_hash" | "confirmation_url" }) {
  const res = await fetch(`${AUTH_URL}/auth/v1/_local/config`, {
    method: "PUT",
    headers: { apikey: ANON_KEY, authorization: `Bearer ${SERVICE_ROLE_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  expect(await res.json()).toEqual(settings);
}

/** Waits for the confirmation mail to `email`; answers its link. */
async function confirmationLink(email: string): Promise<string> {
  const confirmations = async () =>
    ((await (await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(email)}`)).json()) as { subject: string; html: string }[]).filter(
      (m) => m.subject === "Confirm Your Email",
    );
  await expect.poll(async () => (await confirmations()).length).toBeGreaterThan(0);
  const [mail] = await confirmations();
  return /href="([^"]+)"/.exec(mail!.html)![1]!.replaceAll("&amp;", "&");
}

const newEmail = () => `e2e-pkce-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function signUp(page: Page, email: string, next: string) {
  await page.goto(`/signup?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("e2e-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/** A browser of its own: no cookies shared with the test's page. */
async function otherBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test.describe("with Supabase's default templates (GET /verify, PKCE)", () => {
  test.beforeAll(() => configureAuth({ mailer_autoconfirm: false, mail_link: "confirmation_url" }));
  test.afterAll(() => configureAuth({ mailer_autoconfirm: true, mail_link: "token_hash" }));

  test("sign up, open the mailed link, signed in on the shop; the link elsewhere is refused", async ({ page, browser }, testInfo) => {
    const baseURL = testInfo.project.use.baseURL;
    // A second shopper signs up in a browser of their own: their verifier stays there.
    const elsewhere = await otherBrowser(browser, baseURL);
    const otherEmail = newEmail();
    await signUp(elsewhere.page, otherEmail, "/account/orders");
    const otherLink = await confirmationLink(otherEmail);

    const email = newEmail();
    await signUp(page, email, "/account/orders");
    const link = await confirmationLink(email);
    expect(link).toMatch(new RegExp(`^${AUTH_URL}/auth/v1/verify\\?token=pkce_[0-9a-f]{56}&type=signup&redirect_to=`));
    expect(new URL(link).searchParams.get("redirect_to")).toBe(`${baseURL}/auth/confirm?next=%2Faccount%2Forders`);

    const exchanges: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(`${baseURL}/auth/confirm?code=`)) exchanges.push(r.url());
    });
    await page.goto(link);
    await expect(page).toHaveURL(/\/account\/orders$/);
    expect(exchanges).toHaveLength(1); // GoTrue's 303 brought the browser to /auth/confirm with the code
    await expect(page.getByRole("heading", { name: "My orders" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    // The second shopper's link opened in a third browser: no code verifier there.
    const third = await otherBrowser(browser, baseURL);
    await third.page.goto(otherLink);
    await expect(third.page).toHaveURL(/\/login\?error=link_invalid$/);
    await expect(third.page.locator("p[role=alert]")).toHaveText(/invalid or has expired/);
    await expect(third.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

    // A used link comes back through GoTrue's error redirect to the same message (the browser keeps
    // GoTrue's error fragment across the shop's redirect, as it would on Supabase).
    await third.page.goto(link);
    await expect(third.page).toHaveURL(/\/login\?error=link_invalid#error=access_denied&error_code=otp_expired&/);
    await expect(third.page.locator("p[role=alert]")).toHaveText(/invalid or has expired/);
    await Promise.all([elsewhere.context.close(), third.context.close()]);
  });
});
