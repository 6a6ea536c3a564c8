import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { GET as getCart } from "@/app/api/cart/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById, ordersOfCart } from "../../helpers/orders";
import { SHIP_TO } from "../../helpers/shipping";

let stack: StripeStack;
beforeAll(async () => {
  stack = await startStripeStack();
});
afterAll(() => stack.close());

it("paying a session checks out only what it paid for: items added in another tab stay in the cart", async () => {
  const a = await createProduct({ stock: 5, name: "Tab A mug" });
  const b = await createProduct({ stock: 5, name: "Tab B kettle" });
  const tab1 = new TestBrowser();
  await tab1.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 2 }] } });
  const session = await tab1.call(checkout, { path: "/api/cart/checkout" });
  expect(session.status).toBe(200);

  // Another tab of the same browser (same cart cookie) adds B while the hosted page is open.
  const tab2 = new TestBrowser();
  tab2.cookies = new Map(tab1.cookies);
  expect((await tab2.call(add, { path: "/api/cart/add", json: { items: [{ price: b.prices.eur, quantity: 1 }] } })).status).toBe(200);

  await stack.control("/_emulator/pay", { id: session.body.id, payment_method: "pm_card_visa", ...SHIP_TO });
  const [order] = await ordersOfCart(tab1.cookies.get("cart")!);
  await eventually(async () => (await orderById(order!.id)).status === "paid");

  const cart = await tab2.call(getCart, { path: "/api/cart" });
  expect(cart.body.items.map((i: { price: string; quantity: number }) => [i.price, i.quantity])).toEqual([[b.prices.eur, 1]]);
  expect(await stockOf(a.variantId)).toBe(3);
  expect(await stockOf(b.variantId)).toBe(5);

  // B can be bought on its own afterwards.
  const next = await tab2.call(checkout, { path: "/api/cart/checkout" });
  expect(next.status).toBe(200);
  const orders = await ordersOfCart(tab1.cookies.get("cart")!);
  expect(orders).toHaveLength(2);
  expect(orders[1]!.amount_total).toBe(cart.body.total_price);
  expect(await stockOf(b.variantId)).toBe(4);
});

it("a cart whose every line was paid is checked out", async () => {
  const a = await createProduct({ stock: 5 });
  const tab = new TestBrowser();
  await tab.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
  const session = await tab.call(checkout, { path: "/api/cart/checkout" });
  await stack.control("/_emulator/pay", { id: session.body.id, payment_method: "pm_card_visa", ...SHIP_TO });
  const [order] = await ordersOfCart(tab.cookies.get("cart")!);
  await eventually(async () => (await orderById(order!.id)).status === "paid");
  expect((await tab.call(getCart, { path: "/api/cart" })).body.items).toEqual([]);
});
