import { describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { stripeAndAuthStacks } from "../../helpers/stacks";

const stacks = stripeAndAuthStacks();

interface OrderState {
  id: string;
  status: string;
  stock_held: boolean;
  source: string;
  stripe_payment_intent_id: string | null;
  stripe_checkout_session_id: string | null;
}

async function ordersOf(userId: string): Promise<OrderState[]> {
  return db()<OrderState[]>`
    select id, status, stock_held, source, stripe_payment_intent_id, stripe_checkout_session_id
    from orders where user_id = ${userId} order by created_at, id`;
}

function buy(token: string, f: Fixture) {
  return new TestBrowser().call(piCheckout, {
    path: "/api/checkout",
    headers: { authorization: `Bearer ${token}` },
    json: { currency: "eur", cartItems: [{ item_id: f.productId, variant_id: f.variantId, quantity: 1 }] },
  });
}

describe("at most 3 unpaid orders hold stock per shopper", () => {
  it("a fourth PaymentIntent order closes the oldest at Stripe and gives its units back", async () => {
    const user = await stacks.auth.newUser();
    const ticket = await createProduct({ stock: 20, name: "Concert Ticket" });
    for (let i = 0; i < 4; i++) expect((await buy(user.token, ticket)).status).toBe(200);
    const orders = await ordersOf(user.id);
    expect(orders.map((o) => [o.status, o.stock_held])).toEqual([["canceled", false], ["pending", true], ["pending", true], ["pending", true]]);
    // Closed through the one close path: canceled at Stripe, so nobody can pay for the released unit.
    const oldest = await stacks.stripe.stripe.paymentIntents.retrieve(orders[0]!.stripe_payment_intent_id!);
    expect(oldest.status).toBe("canceled");
    expect(await stockOf(ticket.variantId)).toBe(17);
  });

  it("parallel checkouts by one user end with at most 3 orders holding stock, and stock accounts for exactly those", async () => {
    const user = await stacks.auth.newUser();
    const ticket = await createProduct({ stock: 20, name: "Festival Ticket" });
    const results = await Promise.all(Array.from({ length: 6 }, () => buy(user.token, ticket)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const holding = (await ordersOf(user.id)).filter((o) => o.stock_held);
    expect(holding.length).toBeGreaterThanOrEqual(1);
    expect(holding.length).toBeLessThanOrEqual(3);
    expect(await stockOf(ticket.variantId)).toBe(20 - holding.length);
    for (const o of (await ordersOf(user.id)).filter((x) => !x.stock_held)) {
      expect((await stacks.stripe.stripe.paymentIntents.retrieve(o.stripe_payment_intent_id!)).status).toBe("canceled");
    }
  });

  it("a cart checkout counts with the user's PaymentIntent orders: the oldest is closed", async () => {
    const user = await stacks.auth.newUser();
    const ticket = await createProduct({ stock: 20, name: "Museum Ticket" });
    for (let i = 0; i < 3; i++) expect((await buy(user.token, ticket)).status).toBe(200);
    const browser = new TestBrowser({ authorization: `Bearer ${user.token}` });
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: ticket.prices.eur, quantity: 2 }] } });
    const res = await browser.call(cartCheckout, { path: "/api/cart/checkout", json: {} });
    expect(res.status).toBe(200);
    const orders = await ordersOf(user.id);
    expect(orders.map((o) => [o.source, o.status])).toEqual([
      ["payment_intent", "canceled"], ["payment_intent", "pending"], ["payment_intent", "pending"], ["checkout_session", "pending"],
    ]);
    expect(await stockOf(ticket.variantId)).toBe(20 - 2 - 2);
  });

  it("MAX_UNPAID_ORDERS configures the cap", async () => {
    process.env.MAX_UNPAID_ORDERS = "1";
    resetEnvCache();
    try {
      const user = await stacks.auth.newUser();
      const ticket = await createProduct({ stock: 20, name: "Single Ticket" });
      for (let i = 0; i < 2; i++) expect((await buy(user.token, ticket)).status).toBe(200);
      expect((await ordersOf(user.id)).map((o) => o.status)).toEqual(["canceled", "pending"]);
      expect(await stockOf(ticket.variantId)).toBe(19);
    } finally {
      delete process.env.MAX_UNPAID_ORDERS;
      resetEnvCache();
    }
  });
});
