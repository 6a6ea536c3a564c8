import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

/** Intl separates amount and symbol with a no-break space (U+00A0 or U+202F): compare with plain spaces. */
const normalized = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function shopperIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

const htmlLang = (page: Page) => page.locator("html");

test("a French browser gets French pages and euros; switching to English and USD sticks across reloads", async ({ browser }) => {
  const page = await shopperIn(browser, "fr-FR");
  await page.goto("/");
  await expect(htmlLang(page)).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: "Boutique" })).toBeVisible();
  const card = page.getByTestId("product-card").filter({ hasText: "Café Mélange Maison" });
  expect(normalized(await card.getByTestId("card-price").textContent())).toBe("À partir de 14,50 €");
  await expectNoAxeViolations(page);

  await card.click();
  await expect(page).toHaveURL(/\/products\/house-blend-coffee$/);
  await expect(page.getByRole("heading", { level: 1, name: "Café Mélange Maison" })).toBeVisible();
  await expect(page.getByText(/^Notre torréfaction/)).toBeVisible();
  await expect(page.getByTestId("stock")).toHaveText("En stock");
  expect(normalized(await page.getByTestId("price").textContent())).toBe("14,50 €");
  await expect(page).toHaveTitle("Café Mélange Maison · Ridge & Kettle");
  await expectNoAxeViolations(page);

  await page.getByLabel("Langue", { exact: true }).selectOption("en");
  await expect(htmlLang(page)).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/products\/house-blend-coffee$/);
  await expect(page.getByRole("heading", { level: 1, name: "House Blend Coffee" })).toBeVisible();
  await expect(page.getByTestId("price")).toHaveText("€14.50");

  await page.getByLabel("Currency", { exact: true }).selectOption("usd");
  await expect(page.getByTestId("price")).toHaveText("$16.00");
  await page.reload();
  await expect(htmlLang(page)).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("price")).toHaveText("$16.00");
  await expect(page.getByLabel("Currency", { exact: true })).toHaveValue("usd");

  const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c]));
  for (const [name, value] of [["locale", "en"], ["currency", "usd"]] as const) {
    expect(cookies[name]).toMatchObject({ value, path: "/", sameSite: "Lax" });
    expect(cookies[name]!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 24 * 3600 * 1000);
  }
  await page.context().close();
});

test("an American English browser gets dollars; a product without a dollar price is shown as unavailable, never in euros", async ({ browser }) => {
  const page = await shopperIn(browser, "en-US");
  await page.goto("/products/house-blend-coffee");
  await expect(htmlLang(page)).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("price")).toHaveText("$16.00");

  await page.goto("/");
  await expect(page.getByTestId("product-card").filter({ hasText: "Ethiopia Yirgacheffe" }).getByTestId("card-price")).toHaveText("Not available in USD");
  await expect(page.getByTestId("product-card").filter({ hasText: "Ceramic Mug" }).getByTestId("card-price")).toHaveText("$26.00");
  await page.goto("/products/ethiopia-yirgacheffe");
  await expect(page.getByTestId("price")).toHaveText("Not available in USD");
  await expect(page.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("€");

  // The mug's Moss variant has no dollar price either: the variant says so and cannot be added.
  await page.goto("/products/ceramic-mug");
  await expect(page.getByTestId("price")).toHaveText("$26.00");
  await page.getByRole("radio", { name: "Moss" }).check();
  await expect(page.getByTestId("price")).toHaveText("Not available in USD");
  await expect(page.getByRole("button", { name: "Add to cart" })).toHaveCount(0);
  await page.context().close();
});

test("the cart speaks the shopper's language and shows the cart's own currency their way; axe is clean in both languages", async ({ browser }) => {
  const page = await shopperIn(browser, "fr-FR");
  await page.goto("/products/house-blend-coffee");
  await expect(page.getByTestId("cart-count")).toHaveAttribute("data-loaded", "true");
  await page.getByRole("button", { name: "Ajouter au panier" }).click();
  await expect(page.getByRole("status")).toHaveText("Ajouté au panier");
  await page.goto("/cart");
  await expect(htmlLang(page)).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: "Votre panier" })).toBeVisible();
  await expect(page.getByTestId("cart-line").getByRole("link", { name: "Café Mélange Maison" })).toBeVisible();
  expect(normalized(await page.getByTestId("cart-total").textContent())).toBe("14,50 €");
  await expect(page.getByRole("button", { name: "Commander" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Augmenter la quantité de Café Mélange Maison (250 g)" }).click();
  await expect(page.getByTestId("line-quantity")).toHaveText("2");

  await page.getByLabel("Langue", { exact: true }).selectOption("en");
  await expect(htmlLang(page)).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.getByTestId("cart-total")).toHaveText("€29.00");
  await expectNoAxeViolations(page);
  await page.goto("/");
  await expectNoAxeViolations(page);
  await page.goto("/products/house-blend-coffee");
  await expectNoAxeViolations(page);

  // In the dollar market the euro cart keeps its own currency.
  await page.getByLabel("Currency", { exact: true }).selectOption("usd");
  await expect(page.getByTestId("price")).toHaveText("$16.00");
  await page.goto("/cart");
  await expect(page.getByTestId("cart-total")).toHaveText("€29.00");
  await page.context().close();
});

test("an API refusal is shown in French, and an unknown page answers 404 in French", async ({ browser }) => {
  const page = await shopperIn(browser, "fr-FR");
  await page.goto("/");
  const res = await page.request.post("/api/cart/add", { data: { items: [{ price: "price_gc25_eur", quantity: 999 }] } });
  expect(res.ok()).toBe(true);
  await page.goto("/cart");
  const line = page.getByTestId("cart-line").filter({ hasText: "Carte cadeau" });
  await line.getByRole("button", { name: /^Augmenter la quantité/ }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("La quantité doit être un nombre entier entre 0 et 999.");

  const missing = await page.goto("/produits-inconnus");
  expect(missing?.status()).toBe(404);
  await expect(htmlLang(page)).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await page.context().close();
});
