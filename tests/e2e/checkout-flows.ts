import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers";

export type Flow = "elements" | "hosted" | "payment_element";

/** The flow the cart's one Checkout button leads to: the e2e stack's CHECKOUT_FLOW (Playwright passes the shell's env to it). */
export const CONFIGURED_FLOW: Flow = (process.env.CHECKOUT_FLOW as Flow | undefined) ?? "elements";

export const ADDRESS = { name: "Ada Lovelace", line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" };

export async function signUp(page: Page, next = "/checkout") {
  await page.goto(`/signup?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(`e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`);
  await page.getByLabel("Password").fill("e2e-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Opens checkout for the cart in one flow. The configured flow goes through the cart's one Checkout
 * button; the other flows, which the button does not lead to on this stack, are opened the way
 * the API offers them (POST /api/cart/checkout with ui_mode, or our /checkout page).
 */
export async function openCheckout(page: Page, flow: Flow) {
  await page.goto("/cart");
  await expect(page.getByRole("button", { name: /checkout|pay/i })).toHaveCount(1);
  if (flow === CONFIGURED_FLOW) {
    await page.getByRole("button", { name: "Checkout", exact: true }).click();
  } else if (flow === "payment_element") {
    await page.goto("/checkout");
  } else {
    const res = await page.request.post("/api/cart/checkout", { data: { ui_mode: flow === "elements" ? "elements" : "hosted_page" } });
    expect(res.ok()).toBe(true);
    await page.goto(((await res.json()) as { url: string }).url);
  }
  const expected = { elements: /\/checkout\/session\/cs_/, hosted: /\/pay\/cs_/, payment_element: /\/checkout$/ }[flow];
  await expect(page).toHaveURL(expected);
}

/** Our own address form (elements and PaymentIntent pages). */
export async function fillOurAddress(page: Page, address = ADDRESS) {
  const form = page.getByTestId("shipping-form");
  await form.getByLabel("Full name").fill(address.name);
  await form.getByLabel("Street address").fill(address.line1);
  await form.getByLabel("City").fill(address.city);
  await form.getByLabel("Postal code").fill(address.postal_code);
  await form.getByLabel("Country").selectOption(address.country);
}

/** The emulator's stand-in for Stripe's page. */
export async function fillEmulatorAddress(page: Page, address = ADDRESS) {
  await page.getByLabel("Full name").fill(address.name);
  await page.getByLabel("Address line 1").fill(address.line1);
  await page.getByLabel("City").fill(address.city);
  await page.getByLabel("Postal code").fill(address.postal_code);
  await page.getByLabel("Country (two-letter code)").fill(address.country);
}

export async function payWithVisa(page: Page) {
  await expect(page).toHaveURL(/\/pay\/(cs|pi)_/);
  await page.getByRole("radio", { name: "Visa (succeeds)" }).check();
  await page.getByRole("button", { name: "Pay" }).click();
}

/** The confirmation page shows the paid order with its address and method; the order API returns the address. */
export async function expectConfirmation(page: Page, opts: { total: string; method: string | null }) {
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Thank you for your order" })).toBeVisible();
  await expect(page.getByTestId("order-number")).toHaveText(/^[0-9A-F]{8}$/);
  await expect(page.getByTestId("order-total")).toHaveText(opts.total);
  const id = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const order = (await (await page.request.get(`/api/orders/${id}`)).json()) as { shipping: { name: string; address: Record<string, string> } | null };
  if (opts.method) {
    await expect(page.getByTestId("order-address")).toContainText("Ada Lovelace");
    await expect(page.getByTestId("order-address")).toContainText("12 Rue de la Paix");
    await expect(page.getByTestId("order-address")).toContainText("75002 Paris");
    await expect(page.getByTestId("order-address")).toContainText("France");
    await expect(page.getByTestId("order-shipping-method")).toHaveText(opts.method);
    expect(order.shipping).toMatchObject({ name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" } });
  } else {
    await expect(page.getByTestId("order-address")).toHaveCount(0);
    expect(order.shipping).toBeNull();
  }
  await expect(page.getByTestId("order-next")).toBeVisible();
  await expectAccessible(page);
  return id;
}
