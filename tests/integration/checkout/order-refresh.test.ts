import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { POST as refresh } from "@/app/api/orders/[id]/refresh/route";
import { db } from "@/lib/db";
import { createProduct } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById, orderEvents, ordersOfCart } from "../../helpers/orders";
import { SHIP_TO } from "../../helpers/shipping";

let stack: StripeStack;
beforeAll(async () => {
  stack = await startStripeStack();
});
afterAll(() => stack.close());

async function openCheckout() {
  const p = await createProduct({ stock: 5 });
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: p.prices.eur, quantity: 1 }] } });
  const res = await browser.call(checkout, { path: "/api/cart/checkout" });
  const [order] = await ordersOfCart(browser.cookies.get("cart")!);
  return { browser, sessionId: res.body.id as string, order: order! };
}

const refreshCall = (browser: TestBrowser, id: string) =>
  browser.call(refresh, { method: "POST", path: `/api/orders/${id}/refresh`, params: { id } });

it("a late webhook: the page's refresh reads Stripe's own state, and the webhook then changes nothing", async () => {
  const { browser, sessionId, order } = await openCheckout();
  expect((await refreshCall(browser, order.id)).body.status).toBe("pending"); // not paid yet
  await db()`update orders set stripe_checked_at = null where id = ${order.id}`;

  await stack.control("/_emulator/webhooks", { paused: true });
  await stack.control("/_emulator/pay", { id: sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
  // Reading the order changes nothing by itself: only the refresh asks Stripe.
  expect((await browser.call(getOrder, { path: `/api/orders/${order.id}`, params: { id: order.id } })).body.status).toBe("pending");
  expect((await refreshCall(browser, order.id)).body.status).toBe("paid");

  await stack.control("/_emulator/webhooks", { paused: false });
  await stack.control("/_emulator/webhooks/flush", {});
  await eventually(async () => (await orderEvents(order.id)).some((e) => e.type === "succeeded_ignored"));
  expect((await orderEvents(order.id)).filter((e) => e.type === "status_changed")).toHaveLength(1);
});

it("reads Stripe at most once per order every few seconds, however often the page polls", async () => {
  const { browser, sessionId, order } = await openCheckout();
  await stack.control("/_emulator/webhooks", { paused: true });
  try {
    // Several tabs poll at once: exactly one of them may read Stripe.
    await Promise.all([1, 2, 3].map(() => refreshCall(browser, order.id)));
    await stack.control("/_emulator/pay", { id: sessionId, payment_method: "pm_card_visa", ...SHIP_TO });
    expect((await refreshCall(browser, order.id)).body.status).toBe("pending"); // throttled: no Stripe read
    await db()`update orders set stripe_checked_at = now() - interval '10 seconds' where id = ${order.id}`;
    expect((await refreshCall(browser, order.id)).body.status).toBe("paid");
  } finally {
    await stack.control("/_emulator/webhooks", { paused: false });
  }
});

it("answers 404 to anyone but the order's owner", async () => {
  const { order } = await openCheckout();
  const stranger = new TestBrowser();
  expect((await refreshCall(stranger, order.id)).status).toBe(404);
  expect((await orderById(order.id)).stripe_checked_at).toBeNull();
});
