import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { POST as syncRoute } from "@/app/api/checkout/sessions/[id]/cart/route";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { startStripeStack, type StripeStack } from "../../helpers/stripe-stack";

// Stripe is never a second editor of a cart: no session offers the shopper quantity controls on
// Stripe's side (adjustable_quantity); the shop's own checkout page changes quantities, through syncCheckoutCart.
let stack: StripeStack;
let mug: Fixture;
let tote: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  mug = await createProduct({ stock: 50, name: "Fixed Mug", prices: [{ currency: "eur", unit_amount: 1200 }] });
  tote = await createProduct({ stock: 50, name: "Fixed Tote", prices: [{ currency: "eur", unit_amount: 300 }] });
});
afterAll(() => stack.close());

async function openSession(uiMode: "hosted_page" | "elements") {
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: mug.prices.eur, quantity: 2 }, { price: tote.prices.eur, quantity: 1 }] } });
  const res = await browser.call(checkout, { path: "/api/cart/checkout", json: { ui_mode: uiMode } });
  expect(res.status).toBe(200);
  return { browser, sessionId: res.body.id as string };
}

async function stripeLines(sessionId: string) {
  const lines = await stack.stripe.checkout.sessions.listLineItems(sessionId);
  return lines.data.map((l) => ({ id: l.id, quantity: l.quantity, adjustable_quantity: l.adjustable_quantity }));
}

describe("Checkout Sessions carry no adjustable_quantity", () => {
  it.each(["hosted_page", "elements"] as const)("a %s session's line items are fixed at Stripe", async (uiMode) => {
    const { sessionId } = await openSession(uiMode);
    const lines = await stripeLines(sessionId);
    expect(lines.map((l) => [l.quantity, l.adjustable_quantity])).toEqual([[2, null], [1, null]]);
  });

  it("the shop's own page still changes quantities, and the lines stay fixed at Stripe", async () => {
    const { browser, sessionId } = await openSession("elements");
    const [first] = await stripeLines(sessionId);
    const res = await browser.call(syncRoute, {
      path: `/api/checkout/sessions/${sessionId}/cart`,
      json: { lineItemId: first!.id, quantity: 5 },
      params: { id: sessionId },
    });
    expect(res.status).toBe(200);
    const lines = await stripeLines(sessionId);
    expect(lines.map((l) => [l.quantity, l.adjustable_quantity])).toEqual([[5, null], [1, null]]);
  });
});
