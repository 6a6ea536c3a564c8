import { expect, test, type Page } from "@playwright/test";
import { addToCart, expectAccessible } from "./helpers";
import { fillEmulatorAddress, openCheckout } from "./checkout-flows";

async function payOnEmulator(page: Page, card: "Visa (succeeds)" | "Declined card") {
  await expect(page.getByRole("button", { name: "Pay" })).toBeVisible();
  await page.getByRole("radio", { name: card }).check();
  await page.getByRole("button", { name: "Pay" }).click();
}

test("browse, fill the cart, edit it, pay on the hosted page, see the order paid", async ({ page, browser }) => {
  await addToCart(page, "tea-sampler");
  await addToCart(page, "field-notebook", { variant: "A5 lined", quantity: 2 });
  await addToCart(page, "canvas-tote");
  await expectAccessible(page);

  await page.getByTestId("cart-link").click();
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(3);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Increase quantity of Tea Sampler (Five tins)" }).click();
  await expect(page.getByTestId("cart-line").filter({ hasText: "Tea Sampler" }).getByTestId("line-quantity")).toHaveText("2");
  await page.getByRole("button", { name: "Remove Canvas Tote (Natural)" }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("€68.00");
  await expect(page.getByTestId("cart-count")).toHaveText("4");

  await openCheckout(page, "hosted");
  await expect(page.getByText("€68.00")).toBeVisible();
  await expectAccessible(page);
  await fillEmulatorAddress(page);
  await payOnEmulator(page, "Visa (succeeds)");

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?session_id=cs_/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  await expect(page.getByTestId("order-line")).toHaveCount(2);
  await expect(page.getByTestId("order-total")).toHaveText("€68.00");
  await expectAccessible(page);
  await expect(page.getByTestId("cart-count")).toHaveText("0");

  // Another browser cannot open this order.
  const stranger = await browser.newContext();
  const res = await (await stranger.newPage()).goto(page.url());
  expect(res?.status()).toBe(404);
  await stranger.close();
});

test("a declined card shows the failure and the shopper can retry", async ({ page }) => {
  await addToCart(page, "pour-over-dripper");
  await openCheckout(page, "hosted");
  await fillEmulatorAddress(page);
  await payOnEmulator(page, "Declined card");
  await expect(page.getByRole("alert")).toContainText(/declined/i);
  await payOnEmulator(page, "Visa (succeeds)");
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
});

test("a cart edit the server refuses rolls back with a message", async ({ page }) => {
  await page.goto("/");
  const res = await page.request.post("/api/cart/add", { data: { items: [{ price: "price_gc25_eur", quantity: 999 }] } });
  expect(res.ok()).toBe(true);
  await page.goto("/cart");
  const line = page.getByTestId("cart-line").filter({ hasText: "Gift Card" });
  await expect(line.getByTestId("line-quantity")).toHaveText("999");
  await page.getByRole("button", { name: "Increase quantity of Gift Card (25)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "between 0 and 999" })).toBeVisible();
  await expect(line.getByTestId("line-quantity")).toHaveText("999");
});

test("an empty cart says so", async ({ page }) => {
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expectAccessible(page);
});
