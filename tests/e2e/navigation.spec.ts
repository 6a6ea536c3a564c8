import { expect, test } from "@playwright/test";

/**
 * The shop's links (components/layout/NavLink.tsx) navigate on the client, without loading a new
 * document, and prefetch their pages once on screen; a modified click is the browser's own.
 */
test("links navigate on the client and prefetch what is on screen; ctrl-click opens a new tab", async ({ page, context }) => {
  const prefetched: string[] = [];
  page.on("request", (req) => {
    if (req.headers()["next-router-prefetch"] || req.headers()["next-router-segment-prefetch"]) prefetched.push(new URL(req.url()).pathname);
  });
  await page.goto("/");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await expect.poll(() => prefetched.some((p) => p.startsWith("/products/")), { message: "a product card on screen is prefetched" }).toBe(true);

  await page.getByTestId("product-card").filter({ hasText: "Ceramic Mug" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/products\/ceramic-mug$/);
  await expect(page.getByRole("heading", { level: 1, name: "Ceramic Mug" })).toBeVisible();
  await page.getByTestId("cart-link").click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Ceramic Mug" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  const opened = context.waitForEvent("page");
  await page.getByRole("link", { name: "Ridge & Kettle" }).click({ modifiers: ["ControlOrMeta"] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe("/");
  await expect(page).toHaveURL(/\/products\/ceramic-mug$/);
});
