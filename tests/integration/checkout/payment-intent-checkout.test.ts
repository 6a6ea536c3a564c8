import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as checkout } from "@/app/api/checkout/route";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { db } from "@/lib/db";
import { addItems } from "@/lib/cart/mutations";
import { loadCart } from "@/lib/cart/queries";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { orderById } from "../../helpers/orders";

let stripeStack: StripeStack;
let auth: AuthStack;
let cup: Fixture;
let other: Fixture;
let usdOnly: Fixture;

beforeAll(async () => {
  stripeStack = await startStripeStack();
  auth = await startAuthStack();
  cup = await createProduct({ stock: 100, prices: [{ currency: "eur", unit_amount: 1900 }, { currency: "usd", unit_amount: 2100 }] });
  other = await createProduct({ stock: 100, prices: [{ currency: "eur", unit_amount: 500 }] });
  usdOnly = await createProduct({ stock: 100, prices: [{ currency: "usd", unit_amount: 700 }] });
});
afterAll(async () => {
  await stripeStack.close();
  await auth.close();
});

async function counts(userId: string) {
  const [row] = await db()<{ n: number }[]>`select count(*)::int as n from orders where user_id = ${userId}`;
  const created = await stripeStack.stripe.events.list({ type: "payment_intent.created", limit: 100 });
  return { orders: row!.n, intents: created.data.length };
}

function post(token: string | null, json: unknown, headers: Record<string, string> = {}) {
  return new TestBrowser().call(checkout, {
    path: "/api/checkout",
    json,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

describe("POST /api/checkout (seed 002)", () => {
  it("creates a pending order and a PaymentIntent for the database total", async () => {
    const user = await auth.newUser();
    const before = await stockOf(cup.variantId);
    const res = await post(user.token, {
      currency: "eur",
      cartItems: [
        { item_id: cup.productId, variant_id: cup.variantId, quantity: 2, customization: { note: "Gift wrap please" }, price: 1, amount: 1 },
        { item_id: other.productId, variant_id: other.variantId, quantity: 1, customization: {} },
      ],
      amount: 3,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["clientSecret", "orderId"]);
    expect(res.body.clientSecret).toMatch(/^pi_.+_secret_.+/);
    const order = await orderById(res.body.orderId);
    expect(order).toMatchObject({ status: "pending", user_id: user.id, amount_total: 2 * 1900 + 500, currency: "eur" });
    const pi = await stripeStack.stripe.paymentIntents.retrieve(order.stripe_payment_intent_id!);
    expect(pi.amount).toBe(4300);
    expect(pi.metadata.order_id).toBe(order.id);
    expect(await stockOf(cup.variantId)).toBe(before - 2);
    const [item] = await db()<{ customization: unknown }[]>`select customization from order_items where order_id = ${order.id} and variant_id = ${cup.variantId}`;
    expect(item!.customization).toEqual({ note: "Gift wrap please" });
  });

  it("defaults the currency to eur and prices other currencies from the database", async () => {
    const user = await auth.newUser();
    const eur = await post(user.token, { cartItems: [{ variant_id: cup.variantId, quantity: 1 }] });
    expect((await orderById(eur.body.orderId)).amount_total).toBe(1900);
    const usd = await post(user.token, { currency: "usd", cartItems: [{ variant_id: cup.variantId, quantity: 1 }] });
    expect(await orderById(usd.body.orderId)).toMatchObject({ currency: "usd", amount_total: 2100 });
    const none = await post(user.token, { currency: "eur", cartItems: [{ variant_id: usdOnly.variantId, quantity: 1 }] });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatch(/no price in eur/);
  });

  it.each([
    ["no token", null, 401, "Unauthorized"],
    ["a garbage token", "not.a.jwt", 401, "Unauthorized"],
  ])("rejects %s with 401 before anything else", async (_l, token, status, message) => {
    const res = await post(token, { cartItems: [] });
    expect(res).toMatchObject({ status, body: { error: message } });
  });

  it("answers every row of the seed's error table exactly, creating no order or PaymentIntent", async () => {
    const user = await auth.newUser();
    const before = await counts(user.id);
    const scarce = await createProduct({ stock: 1, prices: [{ currency: "eur", unit_amount: 100 }] });
    const free = await createProduct({ stock: 10, prices: [{ currency: "eur", unit_amount: 0 }] });
    const cases: [unknown, number, string][] = [
      [{ cartItems: [] }, 400, "Cart is empty"],
      [{}, 400, "Cart is empty"],
      [{ cartItems: "nope" }, 400, "Cart is empty"],
      [{ cartItems: [{ item_id: cup.productId, quantity: 1 }] }, 400, "Chaque article doit inclure un variant_id."],
      [{ cartItems: [{ variant_id: 99999999, quantity: 1 }] }, 400, "Variant 99999999 introuvable"],
      [{ cartItems: [{ item_id: other.productId, variant_id: cup.variantId, quantity: 1 }] }, 400, "Variant et produit incompatibles"],
      [{ cartItems: [{ variant_id: scarce.variantId, quantity: 2 }] }, 400, "Stock insuffisant pour un des variants"],
      // Two lines of one variant are summed before the stock check.
      [{ cartItems: [{ variant_id: scarce.variantId, quantity: 1 }, { variant_id: scarce.variantId, quantity: 1 }] }, 400, "Stock insuffisant pour un des variants"],
      [{ cartItems: [{ variant_id: free.variantId, quantity: 1 }] }, 400, "Invalid amount"],
    ];
    for (const [body, status, error] of cases) {
      const res = await post(user.token, body);
      expect({ body, status: res.status, answer: res.body }).toEqual({ body, status, answer: { error } });
    }
    expect(await counts(user.id)).toEqual(before);
    expect(await stockOf(scarce.variantId)).toBe(1);
  });

  it("answers 500 Checkout failed when Stripe refuses, with the order canceled and stock back", async () => {
    const user = await auth.newUser();
    const before = await stockOf(cup.variantId);
    await stripeStack.control("/_emulator/faults", { operation: "payment_intents.create", count: 1, error: { status: 400, type: "invalid_request_error", message: "boom" } });
    const res = await post(user.token, { cartItems: [{ variant_id: cup.variantId, quantity: 3 }] });
    expect(res).toMatchObject({ status: 500, body: { error: "Checkout failed" } });
    expect(await stockOf(cup.variantId)).toBe(before);
    const orders = await db()<{ status: string }[]>`select status from orders where user_id = ${user.id}`;
    expect(orders).toEqual([{ status: "canceled" }]);
  });

  it("answers 500 Checkout failed when Stripe's answer is unknown, keeping the order and its units", async () => {
    for (const error of [
      { status: 500, type: "api_error", message: "boom" },
      { status: 409, type: "idempotency_error", code: "idempotency_key_in_use", message: "in use" },
      { status: 429, type: "rate_limit_error", message: "slow down" },
    ]) {
      const user = await auth.newUser();
      const before = await stockOf(cup.variantId);
      await stripeStack.control("/_emulator/faults", { operation: "payment_intents.create", count: 1, error });
      const res = await post(user.token, { cartItems: [{ variant_id: cup.variantId, quantity: 3 }] });
      expect(res).toMatchObject({ status: 500, body: { error: "Checkout failed" } });
      expect(await stockOf(cup.variantId)).toBe(before - 3);
      const orders = await db()<{ status: string; stock_held: boolean }[]>`select status, stock_held from orders where user_id = ${user.id}`;
      expect(orders).toEqual([{ status: "pending", stock_held: true }]);
    }
  });

  it("a double click with one Idempotency-Key makes one order and one PaymentIntent", async () => {
    const user = await auth.newUser();
    const key = crypto.randomUUID();
    const body = { cartItems: [{ variant_id: other.variantId, quantity: 1 }] };
    const before = await counts(user.id);
    const results = await Promise.all([1, 2, 3].map(() => post(user.token, body, { "idempotency-key": key })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.orderId)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.clientSecret)).size).toBe(1);
    const after = await counts(user.id);
    expect(after.orders - before.orders).toBe(1);
    expect(after.intents - before.intents).toBe(1);
  });

  it("stock 1, ten users at once: exactly one 200 and stock 0", async () => {
    const last = await createProduct({ stock: 1, prices: [{ currency: "eur", unit_amount: 900 }] });
    const users = await Promise.all(Array.from({ length: 10 }, () => auth.newUser()));
    const results = await Promise.all(users.map((u) => post(u.token, { cartItems: [{ variant_id: last.variantId, quantity: 1 }] })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.body.error === "Stock insuffisant pour un des variants")).toBe(true);
    expect(await stockOf(last.variantId)).toBe(0);
  });

  it("is paid by the succeeded webhook; declined then paid on retry", async () => {
    const user = await auth.newUser();
    const res = await post(user.token, { cartItems: [{ variant_id: other.variantId, quantity: 1 }] });
    const pi = res.body.clientSecret.split("_secret_")[0];
    await expect(stripeStack.stripe.paymentIntents.confirm(pi, { payment_method: "pm_card_chargeDeclined" })).rejects.toThrow();
    await eventually(async () => (await orderById(res.body.orderId)).status === "failed");
    await stripeStack.stripe.paymentIntents.confirm(pi, { payment_method: "pm_card_visa" });
    await eventually(async () => (await orderById(res.body.orderId)).status === "paid");
  });
});

describe("the shopper's cart after a PaymentIntent order", () => {
  it("is checked out when the paid order was exactly its contents, and left alone otherwise", async () => {
    const user = await auth.newUser();
    await addItems({ userId: user.id, cartNumber: null }, [{ price: other.prices.eur, quantity: 2 }]);
    const different = await post(user.token, { cartItems: [{ variant_id: other.variantId, quantity: 1 }] });
    expect((await orderById(different.body.orderId)).cart_id).toBeNull();
    const same = await post(user.token, { cartItems: [{ variant_id: other.variantId, quantity: 2 }] });
    expect((await orderById(same.body.orderId)).cart_id).not.toBeNull();
    await stripeStack.stripe.paymentIntents.confirm(same.body.clientSecret.split("_secret_")[0], { payment_method: "pm_card_visa" });
    await eventually(async () => (await orderById(same.body.orderId)).status === "paid");
    expect(await loadCart(db(), { userId: user.id, cartNumber: null })).toBeNull();
  });
});

describe("GET /api/orders/[id]", () => {
  it("shows an order to its owner only", async () => {
    const alice = await auth.newUser();
    const bob = await auth.newUser();
    const res = await post(alice.token, { cartItems: [{ variant_id: other.variantId, quantity: 1 }] });
    const get = (token: string | null) => new TestBrowser().call(getOrder, {
      path: `/api/orders/${res.body.orderId}`,
      params: { id: res.body.orderId },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const mine = await get(alice.token);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: res.body.orderId, status: "pending", amount_total: 500, currency: "eur" });
    expect((await get(bob.token)).status).toBe(404);
    expect((await get(null)).status).toBe(404);
  });
});
