import { expect, test, type Page } from "@playwright/test";
import { addToCart, expectAccessible } from "./helpers";
import { fillOurAddress } from "./checkout-flows";

async function signUp(page: Page) {
  await page.goto("/signup?next=/checkout");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(`e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`);
  await page.getByLabel("Password").fill("e2e-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test("checkout requires signing in", async ({ page }) => {
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/login\?next=%2Fcheckout|\/login\?next=\/checkout/);
  await expectAccessible(page);
});

test("sign up, pay with a PaymentIntent, see the order paid and listed", async ({ page }) => {
  await addToCart(page, "glass-carafe");
  await signUp(page);
  // The guest cart followed the shopper into their account.
  await expect(page.getByText("Glass Carafe")).toBeVisible();
  await expectAccessible(page);
  await fillOurAddress(page);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/pay\/pi_/);
  await page.getByRole("radio", { name: "Visa (succeeds)" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  await page.goto("/account/orders");
  await expect(page.getByTestId("account-order")).toHaveCount(1);
  await expectAccessible(page);
});

test("a declined PaymentIntent shows failed, then a retry succeeds", async ({ page }) => {
  await signUp(page);
  await addToCart(page, "ethiopia-yirgacheffe");
  await page.goto("/checkout");
  await fillOurAddress(page);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/pay\/pi_/);
  await page.getByRole("radio", { name: "Declined card" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  // Declined on the pay page: back on our order page the status follows the webhook.
  const orderUrl = /\/orders\/[0-9a-f-]{36}/;
  if (!orderUrl.test(page.url())) {
    await expect(page.getByRole("alert")).toContainText(/declined/i);
  } else {
    await expect(page.getByTestId("order-status")).toHaveText("Payment failed", { timeout: 20_000 });
    await page.getByRole("link", { name: "Try again" }).click();
  }
  await page.getByRole("radio", { name: "Visa (succeeds)" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
});
