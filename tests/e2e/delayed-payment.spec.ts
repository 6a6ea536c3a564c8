import { expect, test } from "@playwright/test";
import { addToCart, expectAccessible } from "./helpers";
import { fillEmulatorAddress } from "./checkout-flows";

// The throwaway stack's Stripe emulator (playwright.config.ts).
const emulator = `http://127.0.0.1:${process.env.E2E_STRIPE_PORT ?? 12190}`;

test("a bank debit: the order page says the payment is processing, then shows it paid once it settles", async ({ page }) => {
  await addToCart(page, "tea-sampler");
  // The hosted Checkout Session (seed 001's checkout), whatever flow the cart button uses.
  const checkout = await page.request.post("/api/cart/checkout", { data: {} });
  expect(checkout.status()).toBe(200);
  const { id, url } = (await checkout.json()) as { id: string; url: string };
  await page.goto(url);
  await fillEmulatorAddress(page);
  await page.getByRole("radio", { name: "Bank debit, settles later: succeeds" }).check();
  await page.getByRole("button", { name: "Pay" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("order-status")).toHaveText("Waiting for payment confirmation");
  await expect(page.getByText(/bank payment is being processed/i)).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);

  const settled = await page.request.post(`${emulator}/_emulator/settle`, { data: { id } });
  expect(settled.status()).toBe(200);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  await expect(page.getByText(/bank payment is being processed/i)).toHaveCount(0);
});
