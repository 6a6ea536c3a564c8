import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function addToCart(page: Page, slug: string, opts: { variant?: string; quantity?: number } = {}) {
  await page.goto(`/products/${slug}`);
  if (opts.variant) await page.getByRole("radio", { name: opts.variant }).check();
  if (opts.quantity) await page.getByLabel("Quantity").fill(String(opts.quantity));
  await expect(page.getByTestId("cart-count")).toHaveAttribute("data-loaded", "true");
  const count = Number(await page.getByTestId("cart-count").textContent());
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toHaveText("Added to cart");
  await expect(page.getByTestId("cart-count")).toHaveText(String(count + (opts.quantity ?? 1)));
}
