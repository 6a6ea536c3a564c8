import { expect, test } from "@playwright/test";

/**
 * The product page translates on the server and ships no i18n code (tests/e2e/js-budget.spec.ts);
 * an API error still reaches the shopper in their language, its translations loaded when it happens.
 */
for (const { locale, language, currency, add, cartLabel, error } of [
  { locale: "en-GB", language: "Language", currency: "Currency", add: "Add to cart", cartLabel: "Cart, 1 item", error: "Your cart is in EUR; this price is in USD. A cart holds one currency." },
  { locale: "fr-FR", language: "Langue", currency: "Devise", add: "Ajouter au panier", cartLabel: "Panier, 1 article", error: "Votre panier est en EUR ; ce prix est en USD. Un panier n’a qu’une devise." },
]) {
  test(`a refused add to cart is explained in the shopper's language (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/products/ceramic-mug");
    await expect(page.getByLabel(language, { exact: true })).toBeVisible();
    await expect(page.getByTestId("cart-count")).toHaveAttribute("data-loaded", "true");
    await page.getByRole("button", { name: add }).click();
    await expect(page.getByTestId("cart-count")).toHaveText("1");
    await expect(page.getByTestId("cart-link")).toHaveAccessibleName(cartLabel);

    // The cart is in euros; the same mug in dollars cannot join it.
    await page.getByLabel(currency, { exact: true }).selectOption("usd");
    await expect(page.getByTestId("price")).toContainText("$");
    await page.getByRole("button", { name: add }).click();
    await expect(page.getByRole("status")).toHaveText(error);
    await expect(page.getByTestId("cart-count")).toHaveText("1");
    await context.close();
  });
}
