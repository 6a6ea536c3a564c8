import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { addToCart } from "./helpers";
import { fillOurAddress } from "./checkout-flows";

// The stack's merchant, seeded by local/db/seed-merchant.ts (README "Back office").
const MERCHANT = { email: "merchant@example.test", password: "merchant-password" };
const DB_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_DB_PORT ?? "54390"}/postgres`;

test.describe.configure({ mode: "serial" });

/** No accessibility violations at all (any impact) on the page as it is now. */
async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signUp(page: Page): Promise<string> {
  const email = `e2e-admin-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  await page.goto("/signup?next=/account/orders");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("e2e-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return email;
}

/** A signed-in shopper buys one product with a PaymentIntent; returns the paid order's id. */
async function buy(page: Page, slug: string): Promise<string> {
  await addToCart(page, slug);
  await page.goto("/checkout");
  await fillOurAddress(page); // both products bought here ship
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/pay\/pi_/);
  await page.getByRole("radio", { name: "Visa (succeeds)" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  return /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

async function merchantPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login?next=/admin");
  await page.getByLabel("Email").fill(MERCHANT.email);
  await page.getByLabel("Password").fill(MERCHANT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return page;
}

let shopper: Page;
let flaggedOrder = "";
let shipOrder = "";

test.beforeAll(async ({ browser }) => {
  shopper = await (await browser.newContext()).newPage();
  await signUp(shopper);
  flaggedOrder = await buy(shopper, "glass-carafe");
  shipOrder = await buy(shopper, "field-notebook");
  // What a Stripe amount mismatch or a late payment would do (lib/orders/apply.ts flagForReview).
  const sql = postgres(DB_URL, { max: 1, onnotice: () => undefined });
  await sql`update orders set needs_review = true, review_reason = 'Stripe reported 1 eur, order total is 2400 eur' where id = ${flaggedOrder}`;
  await sql.end();
});

const pages = () => ["/admin", "/admin/orders", `/admin/orders/${flaggedOrder}`, `/admin/orders/${flaggedOrder}/packing-slip`, "/admin/stock"];
const apis = () => ["/api/admin/summary", "/api/admin/orders", "/api/admin/orders/export", `/api/admin/orders/${flaggedOrder}`, "/api/admin/stock"];
const actions = () => [
  "/api/admin/orders/ship", `/api/admin/orders/${flaggedOrder}/refund`, `/api/admin/orders/${flaggedOrder}/review`,
  `/api/admin/orders/${flaggedOrder}/cancel`, `/api/admin/orders/${flaggedOrder}/fulfillment`, "/api/admin/stock/1",
];

async function statuses(page: Page): Promise<number[]> {
  const out: number[] = [];
  for (const path of pages()) out.push((await page.goto(path))!.status());
  for (const path of apis()) out.push((await page.request.get(path)).status());
  return out;
}

test("every admin page and API is a 404 for a signed-out visitor, a guest and a shopper, and opens for the merchant", async ({ browser }) => {
  const visitor = await (await browser.newContext()).newPage();
  const guest = await (await browser.newContext()).newPage();
  await addToCart(guest, "canvas-tote");
  for (const [who, page] of [["signed out", visitor], ["guest", guest], ["shopper", shopper]] as const) {
    expect([who, await statuses(page)]).toEqual([who, Array(pages().length + apis().length).fill(404)]);
    for (const path of actions()) {
      const res = await page.request.post(path, { form: { request_id: crypto.randomUUID(), note: "x", status: "delivered", on_hand: "0" } });
      expect([who, path, res.status()]).toEqual([who, path, 404]);
    }
  }
  await expect(visitor.getByRole("heading", { level: 1 })).not.toHaveText(/Dashboard|Orders|Stock/);
  const merchant = await merchantPage(browser);
  expect(await statuses(merchant)).toEqual(Array(pages().length + apis().length).fill(200));
});

test("the merchant refunds a flagged order and ships a paid one; the shopper sees it shipped", async ({ browser }) => {
  const merchant = await merchantPage(browser);
  await expectNoAxeViolations(merchant);
  const review = merchant.getByTestId("review-orders");
  await expect(review).toContainText("Stripe reported 1 eur");
  await review.getByRole("link", { name: `Order ${flaggedOrder.slice(0, 8)}` }).click();
  await expect(merchant.getByTestId("review-reason")).toContainText("Stripe reported 1 eur");
  await expectNoAxeViolations(merchant);

  // Refund in full (empty amount); the order changes when Stripe's webhook arrives.
  await merchant.getByRole("button", { name: "Refund" }).click();
  await expect(merchant.getByRole("status")).toContainText("Refund requested");
  await expect(async () => {
    await merchant.reload();
    await expect(merchant.getByTestId("admin-order-status")).toHaveText("refunded", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(merchant.getByTestId("timeline")).toContainText(`admin_refund_requested · by ${MERCHANT.email}`);
  await expect(merchant.getByRole("button", { name: "Refund" })).toHaveCount(0);
  // A refunded order cannot be shipped: the list offers no shipping for it.
  await merchant.goto("/admin/orders");
  await expectNoAxeViolations(merchant);
  await expect(merchant.getByRole("checkbox", { name: `Ship order ${flaggedOrder.slice(0, 8)}` })).toHaveCount(0);

  // Ship the other paid order from the list, with a tracking number.
  await merchant.getByRole("checkbox", { name: `Ship order ${shipOrder.slice(0, 8)}` }).check();
  await merchant.getByLabel(`Tracking number for order ${shipOrder.slice(0, 8)}`).fill("1Z999AA10123456784");
  await merchant.getByLabel("Carrier for the selected orders").selectOption("ups");
  await merchant.getByRole("button", { name: "Mark selected shipped" }).click();
  await expect(merchant.getByRole("status")).toHaveText("Marked 1 order(s) shipped.");
  await expect(merchant.locator(`[data-order-id="${shipOrder}"]`)).toContainText("shipped");

  await merchant.goto(`/admin/orders/${shipOrder}/packing-slip`);
  await expect(merchant.getByTestId("packing-slip")).toContainText("Field Notebook");
  await expectNoAxeViolations(merchant);
  await merchant.goto("/admin/stock");
  await expectNoAxeViolations(merchant);

  await shopper.goto(`/orders/${shipOrder}`);
  await expect(shopper.getByTestId("fulfillment-status")).toHaveText("Shipped");
  await expect(shopper.getByTestId("tracking-link")).toHaveAttribute("href", "https://www.ups.com/track?tracknum=1Z999AA10123456784");
  await shopper.goto("/account/orders");
  await expect(shopper.locator("[data-testid=account-order]", { hasText: shipOrder.slice(0, 8) }).getByTestId("fulfillment-status")).toHaveText("Shipped");
  await shopper.goto(`/orders/${flaggedOrder}`);
  await expect(shopper.getByTestId("order-status")).toHaveText("Refunded");
});
