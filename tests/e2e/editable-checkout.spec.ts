import { expect, test } from "@playwright/test";
import { addToCart, expectAccessible } from "./helpers";
import { fillOurAddress, openCheckout } from "./checkout-flows";

test("edit the cart and shipping on the open checkout, pay, and the order has the edited lines", async ({ page }) => {
  await addToCart(page, "ceramic-mug", { variant: "Sand" });
  await addToCart(page, "house-blend-coffee");
  await openCheckout(page, "elements");
  await expect(page.getByTestId("checkout-line")).toHaveCount(2);
  await expect(page.getByTestId("checkout-total")).toHaveText("€38.50");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Increase quantity of Ceramic Mug (Sand)" }).click();
  await expect(page.getByTestId("checkout-line").first().getByTestId("checkout-line-quantity")).toHaveText("2");
  await expect(page.getByTestId("checkout-total")).toHaveText("€62.50");
  await page.getByRole("button", { name: "Remove House Blend Coffee (250 g)" }).click();
  await expect(page.getByTestId("checkout-line")).toHaveCount(1);
  await expect(page.getByTestId("checkout-total")).toHaveText("€48.00");
  await page.getByRole("radio", { name: /Express shipping/ }).check();
  await expect(page.getByTestId("checkout-total")).toHaveText("€57.50");

  await fillOurAddress(page);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByRole("link", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/pay\/cs_/);
  await expect(page.getByText("€57.50")).toBeVisible();
  await page.getByRole("radio", { name: "Visa (succeeds)" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  await expect(page.getByTestId("order-line")).toHaveCount(1);
  await expect(page.getByTestId("order-line")).toContainText("Ceramic Mug");
  await expect(page.getByTestId("order-line")).toContainText("2");
  await expect(page.getByTestId("order-total")).toHaveText("€57.50");
});
