import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as shippingRoute } from "@/app/api/orders/[id]/shipping/route";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { orderById } from "../../helpers/orders";
import { TEST_ADDRESS } from "../../helpers/shipping";
import { intentIdOf, paymentIntentCheckout } from "../payments/helpers";

let stack: StripeStack;
let auth: AuthStack;
let grinder: Fixture;
let giftCard: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  auth = await startAuthStack();
  grinder = await createProduct({ stock: 50, prices: [{ currency: "eur", unit_amount: 8900 }] });
  giftCard = await createProduct({ stock: 50, requiresShipping: false, prices: [{ currency: "eur", unit_amount: 2500 }] });
});
afterAll(async () => {
  await stack.close();
  await auth.close();
});

const setShipping = (token: string, orderId: string, json: unknown) =>
  new TestBrowser().call(shippingRoute, { path: `/api/orders/${orderId}/shipping`, json, params: { id: orderId }, headers: { authorization: `Bearer ${token}` } });

it("the PaymentIntent page sets name, address and rate on the PaymentIntent before payment; the paid order keeps them", async () => {
  const user = await auth.newUser();
  const created = await paymentIntentCheckout(user.token, grinder, 1);
  expect(created.status).toBe(200);
  const { orderId } = created.body as { orderId: string };
  const pi = intentIdOf(created.body.clientSecret);
  expect(await orderById(orderId)).toMatchObject({ shipping_option: "standard", amount_total: 8900 });

  const refused = await setShipping(user.token, orderId, { shipping_details: { ...TEST_ADDRESS, address: { ...TEST_ADDRESS.address, country: "JP" } }, shipping_rate: "express" });
  expect(refused.status).toBe(400);
  expect(refused.body.error).toMatch(/^We do not ship to JP\. We ship to: /);
  expect((await stack.stripe.paymentIntents.retrieve(pi)).shipping).toBeNull();

  expect((await setShipping(user.token, orderId, { shipping_details: { name: "x" } })).status).toBe(400);
  const stranger = await auth.newUser();
  expect((await setShipping(stranger.token, orderId, { shipping_details: TEST_ADDRESS })).status).toBe(404);

  const ok = await setShipping(user.token, orderId, { shipping_details: TEST_ADDRESS, shipping_rate: "express" });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ amount_total: 9850, amount_shipping: 950, shipping: { method: { id: "express" } } });
  const intent = await stack.stripe.paymentIntents.retrieve(pi);
  expect(intent.amount).toBe(9850);
  expect(intent.shipping).toMatchObject({ name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" } });

  await stack.control("/_emulator/pay", { id: pi, payment_method: "pm_card_visa" });
  await eventually(async () => (await orderById(orderId)).status === "paid");
  expect(await orderById(orderId)).toMatchObject({ needs_review: false, amount_total: 9850, shipping_name: "Ada Lovelace" });
  const api = await new TestBrowser().call(getOrder, { path: `/api/orders/${orderId}`, params: { id: orderId }, headers: { authorization: `Bearer ${user.token}` } });
  expect(api.body.shipping).toMatchObject({ name: "Ada Lovelace", address: { country: "FR" }, method: { name: "Express shipping" } });
});

it("a PaymentIntent order that ships but is paid without an address is flagged for review", async () => {
  const user = await auth.newUser();
  const created = await paymentIntentCheckout(user.token, grinder, 1);
  const { orderId } = created.body as { orderId: string };
  await stack.control("/_emulator/pay", { id: intentIdOf(created.body.clientSecret), payment_method: "pm_card_visa" });
  await eventually(async () => (await orderById(orderId)).status === "paid");
  expect(await orderById(orderId)).toMatchObject({ needs_review: true, review_reason: expect.stringMatching(/without a shipping address/) });
});

it("a gift card alone is paid on this site without an address", async () => {
  const user = await auth.newUser();
  const created = await paymentIntentCheckout(user.token, giftCard, 2);
  const { orderId } = created.body as { orderId: string };
  expect(await orderById(orderId)).toMatchObject({ shipping_countries: null, amount_total: 5000 });
  expect((await setShipping(user.token, orderId, { shipping_details: TEST_ADDRESS })).body).toEqual({ error: "Nothing in this order ships" });
  await stack.control("/_emulator/pay", { id: intentIdOf(created.body.clientSecret), payment_method: "pm_card_visa" });
  await eventually(async () => (await orderById(orderId)).status === "paid");
  expect(await orderById(orderId)).toMatchObject({ needs_review: false, shipping_address: null });
});
