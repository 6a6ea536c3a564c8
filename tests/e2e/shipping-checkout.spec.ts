import { expect, test } from "@playwright/test";
import { addToCart, expectAccessible } from "./helpers";
import { ADDRESS, expectConfirmation, fillEmulatorAddress, fillOurAddress, openCheckout, payWithVisa, signUp } from "./checkout-flows";

/** Lets a test play a tampered client: a country our form does not list, to see the server's refusal. */
async function offerJapan(page: import("@playwright/test").Page) {
  await page.getByTestId("shipping-form").getByLabel("Country").evaluate((select) => {
    (select as HTMLSelectElement).add(new Option("Japan", "JP"));
  });
}

test("elements: add → Checkout → address and express shipping → pay → confirmation with the address", async ({ page }) => {
  await addToCart(page, "ceramic-mug", { variant: "Sand" });
  await openCheckout(page, "elements");
  await expect(page.getByRole("link", { name: "Pay" })).toHaveCount(0);
  await expect(page.getByText("Enter your shipping address to continue to payment.")).toBeVisible();
  await expectAccessible(page);

  await fillOurAddress(page, { ...ADDRESS, country: "DE" });
  await offerJapan(page);
  await page.getByTestId("shipping-form").getByLabel("Country").selectOption("JP");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We do not ship to JP. We ship to:" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Pay" })).toHaveCount(0);

  await page.getByTestId("shipping-form").getByLabel("Country").selectOption("FR");
  await page.getByRole("radio", { name: /Express shipping/ }).check();
  await expect(page.getByTestId("checkout-total")).toHaveText("€33.50");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByRole("link", { name: "Pay" }).click();
  // The address is already on the session: Stripe's page does not ask again.
  await expect(page.getByText("Shipping address")).toHaveCount(0);
  await expect(page.getByText("€33.50")).toBeVisible();
  await payWithVisa(page);
  await expectConfirmation(page, { total: "€33.50", method: "Express shipping" });
});

test("hosted: add → Checkout → address and shipping on Stripe's page → pay → confirmation with the address", async ({ page }) => {
  await addToCart(page, "ceramic-mug", { variant: "Sand" });
  await openCheckout(page, "hosted");
  await expect(page.getByText("Ships to:")).toContainText("FR");
  await expectAccessible(page);
  await fillEmulatorAddress(page, { ...ADDRESS, country: "JP" });
  await page.getByRole("radio", { name: /Express/ }).check();
  await payWithVisa(page);
  await expect(page.getByRole("alert")).toContainText("This Checkout Session does not ship to JP. Allowed countries: AT, BE");
  await page.getByLabel("Country (two-letter code)").fill("FR");
  await payWithVisa(page);
  await expectConfirmation(page, { total: "€33.50", method: "Express shipping" });
});

test("payment_element: signed in → Checkout → address and shipping → pay → confirmation with the address", async ({ page }) => {
  await addToCart(page, "ceramic-mug", { variant: "Sand" });
  await signUp(page, "/cart");
  await openCheckout(page, "payment_element");
  await expectAccessible(page);
  await fillOurAddress(page);
  await page.getByRole("radio", { name: /Express shipping/ }).check();
  await expect(page.getByTestId("checkout-total")).toHaveText("€33.50");
  await offerJapan(page);
  await page.getByTestId("shipping-form").getByLabel("Country").selectOption("JP");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We do not ship to JP. We ship to:" })).toBeVisible();
  await page.getByTestId("shipping-form").getByLabel("Country").selectOption("FR");
  await page.getByRole("button", { name: "Pay" }).click();
  await payWithVisa(page);
  await expectConfirmation(page, { total: "€33.50", method: "Express shipping" });
});

test("a gift card alone checks out without an address", async ({ page }) => {
  await addToCart(page, "gift-card");
  await openCheckout(page, "hosted");
  await expect(page.getByText("Shipping address")).toHaveCount(0);
  await payWithVisa(page);
  await expectConfirmation(page, { total: "€25.00", method: null });
  await expect(page.getByTestId("order-next")).toContainText("Nothing needs to be shipped");

  await addToCart(page, "gift-card");
  await openCheckout(page, "elements");
  await expect(page.getByTestId("shipping-form")).toHaveCount(0);
  await page.getByRole("link", { name: "Pay" }).click();
  await payWithVisa(page);
  await expectConfirmation(page, { total: "€25.00", method: null });
});

test("while a bank payment settles the confirmation says so", async ({ page }) => {
  await addToCart(page, "gift-card");
  await openCheckout(page, "hosted");
  await page.getByRole("radio", { name: /bank debit.*succeeds|delayed.*succeeds/i }).check();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your payment is being processed" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("order-next")).toContainText("Your bank payment can take a few days");
  expect(page.url()).toContain("session_id=cs_");
  await expect(page.getByTestId("order-status")).not.toHaveText("Paid");
});
