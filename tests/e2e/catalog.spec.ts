import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

test("the grid lists the seeded products and the product page follows the chosen variant", async ({ page }) => {
  await page.goto("/");
  const cards = page.getByTestId("product-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(12);
  await expectAccessible(page);

  await page.getByRole("link", { name: /Ceramic Mug/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ceramic Mug" })).toBeVisible();
  await expect(page.getByTestId("price")).toHaveText("€24.00");
  await expect(page.getByTestId("stock")).toHaveText("In stock");
  await expectAccessible(page);

  await page.getByRole("radio", { name: "Moss" }).check();
  await expect(page.getByTestId("price")).toHaveText("€26.00");
  await expect(page.getByTestId("stock")).toHaveText("Only 3 left");

  await page.getByRole("radio", { name: "Slate" }).check();
  await expect(page.getByTestId("stock")).toHaveText("In stock");
});

test("a product whose variants are all out of stock shows as sold out", async ({ page }) => {
  await page.goto("/");
  const card = page.getByTestId("product-card").filter({ hasText: "Hand Grinder" });
  await expect(card.getByText("Sold out")).toBeVisible();
  await card.click();
  await expect(page.getByTestId("stock")).toHaveText("Sold out");
  await expect(page.getByRole("button", { name: "Sold out" })).toBeDisabled();
});

test("a sold-out variant of an available product says so", async ({ page }) => {
  await page.goto("/products/wool-beanie");
  await page.getByRole("radio", { name: /Navy/ }).check();
  await expect(page.getByTestId("stock")).toHaveText("Sold out");
});

test("an unknown product gives the 404 page", async ({ page }) => {
  const res = await page.goto("/products/no-such-product");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("the shop is usable by keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
