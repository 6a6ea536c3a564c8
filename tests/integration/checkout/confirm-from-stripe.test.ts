import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { confirmFromStripe } from "@/lib/orders/confirm-from-stripe";
import { createProduct } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById, orderEvents, ordersOfCart } from "../../helpers/orders";

let stack: StripeStack;
beforeAll(async () => {
  stack = await startStripeStack();
});
afterAll(() => stack.close());

it("a late webhook: the order page reads Stripe's own state, and the webhook then changes nothing", async () => {
  const p = await createProduct({ stock: 5 });
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: p.prices.eur, quantity: 1 }] } });
  const res = await browser.call(checkout, { path: "/api/cart/checkout" });
  const [order] = await ordersOfCart(browser.cookies.get("cart")!);

  expect(await confirmFromStripe(order!)).toBe(false); // not paid yet: nothing to confirm
  await stack.control("/_emulator/webhooks", { paused: true });
  await stack.control("/_emulator/pay", { id: res.body.id, payment_method: "pm_card_visa" });
  expect(await confirmFromStripe(await orderById(order!.id))).toBe(true);
  expect((await orderById(order!.id)).status).toBe("paid");

  await stack.control("/_emulator/webhooks", { paused: false });
  await stack.control("/_emulator/webhooks/flush", {});
  await eventually(async () => (await orderEvents(order!.id)).some((e) => e.type === "succeeded_ignored"));
  expect((await orderEvents(order!.id)).filter((e) => e.type === "status_changed")).toHaveLength(1);
});
