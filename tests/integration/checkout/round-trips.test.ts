import { afterAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { db } from "@/lib/db";
import { countedDatabase } from "../../helpers/round-trips";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";

/**
 * Database round trips of both checkouts, counted on the wire by the benchmark's relay, with the
 * abuse limits on (rate limit and unpaid-order cap, their defaults) and goods that ship:
 * one read (the rate-limit count, the cart or the prices, shipping), one statement for the order and
 * its stock (order_create), one statement binding the Stripe object that also selects the unpaid
 * orders beyond the cap. Stripe's own calls go to the emulator, not the database.
 */
let stripeStack: StripeStack;
let auth: AuthStack;
let mug: Fixture;
let lastOne: Fixture;

const relay = countedDatabase(async () => {
  stripeStack = await startStripeStack();
  auth = await startAuthStack();
  mug = await createProduct({ stock: 1000, prices: [{ currency: "eur", unit_amount: 1200 }] });
  lastOne = await createProduct({ stock: 1, name: "Last One", prices: [{ currency: "eur", unit_amount: 900 }] });
});
afterAll(async () => {
  await stripeStack.close();
  await auth.close();
});
const counter = { reset: () => relay.counter.reset(), read: () => relay.counter.read() };

/** Round trips of one call; Stripe's webhooks (delivered to our route in this process) are held back meanwhile. */
async function tripsOf<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  await stripeStack.control("/_emulator/webhooks/drain", {});
  await stripeStack.control("/_emulator/webhooks", { paused: true });
  try {
    counter.reset();
    const result = await fn();
    return { result, trips: counter.read() };
  } finally {
    await stripeStack.control("/_emulator/webhooks", { paused: false });
  }
}

async function cartWith(price: string): Promise<TestBrowser> {
  const browser = new TestBrowser();
  expect((await browser.call(add, { path: "/api/cart/add", json: { items: [{ price, quantity: 1 }] } })).status).toBe(200);
  return browser;
}

describe("checkout round trips", () => {
  it("POST /api/cart/checkout of a new cart: 3 (read with the rate-limit count, order_create, bind with the unpaid cap)", async () => {
    await (await cartWith(mug.prices.eur)).call(cartCheckout, { path: "/api/cart/checkout", json: {} }); // warm: statements prepared
    const browser = await cartWith(mug.prices.eur);
    const { result: res, trips } = await tripsOf(() => browser.call(cartCheckout, { path: "/api/cart/checkout", json: {} }));
    expect(res.status).toBe(200);
    expect(trips).toBe(3);
    const [order] = await db()<{ stripe_checkout_session_id: string; shipping_rates: { stripe_rate?: string }[] }[]>`
      select stripe_checkout_session_id, shipping_rates from orders where cart_number = ${browser.cookies.get("cart")!}`;
    expect(order!.stripe_checkout_session_id).toBe(res.body.id);
    expect(order!.shipping_rates.length).toBeGreaterThan(0);
    expect(order!.shipping_rates.every((r) => typeof r.stripe_rate === "string")).toBe(true);
  });

  it("a cart checkout that finds no stock: 1 (the read already has the committed stock), and the message names the units left", async () => {
    const first = await cartWith(lastOne.prices.eur);
    const second = await cartWith(lastOne.prices.eur);
    expect((await first.call(cartCheckout, { path: "/api/cart/checkout", json: {} })).status).toBe(200);
    const { result: res, trips } = await tripsOf(() => second.call(cartCheckout, { path: "/api/cart/checkout", json: {} }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Not enough stock for Last One (Default, 0 left)");
    expect(trips).toBe(1);
    expect(await stockOf(lastOne.variantId)).toBe(0);
  });

  it("POST /api/checkout: 3 (read with the rate-limit count, order_create, bind with the unpaid cap)", async () => {
    const user = await auth.newUser();
    const post = () => new TestBrowser().call(piCheckout, {
      path: "/api/checkout",
      headers: { authorization: `Bearer ${user.token}` },
      json: { currency: "eur", cartItems: [{ item_id: mug.productId, variant_id: mug.variantId, quantity: 1 }] },
    });
    expect((await post()).status).toBe(200); // warm
    const { result: res, trips } = await tripsOf(post);
    expect(res.status).toBe(200);
    expect(trips).toBe(3);
    const [order] = await db()<{ stripe_payment_intent_id: string }[]>`select stripe_payment_intent_id from orders where id = ${res.body.orderId}`;
    expect(res.body.clientSecret).toMatch(new RegExp(`^${order!.stripe_payment_intent_id}_secret`));
  });
});
