import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as update } from "@/app/api/cart/update/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { POST as syncRoute } from "@/app/api/checkout/sessions/[id]/cart/route";
import { db } from "@/lib/db";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { ordersOfCart } from "../../helpers/orders";

let stripeStack: StripeStack;
let auth: AuthStack;
let other: Fixture;

beforeAll(async () => {
  stripeStack = await startStripeStack();
  auth = await startAuthStack();
  other = await createProduct({ stock: 500, name: "Plain Socks" });
});
afterAll(async () => {
  await stripeStack.close();
  await auth.close();
});

async function limited(name: string, cap: number | null, opts: Parameters<typeof createProduct>[0] = { stock: 50 }): Promise<Fixture> {
  const f = await createProduct({ ...opts, name });
  await setCap(f, cap);
  return f;
}

async function setCap(f: Fixture, cap: number | null): Promise<void> {
  await db()`update variants set max_per_order = ${cap} where id = ${f.variantId}`;
}

async function cartRows(number: string) {
  return db()<{ price_id: string; quantity: number }[]>`
    select ci.price_id, ci.quantity from cart_items ci join carts c on c.id = ci.cart_id where c.number = ${number} order by ci.position`;
}

const capMessage = (n: number, name: string) => `You can buy at most ${n} of ${name} (Default) per order`;

describe("variants.max_per_order on cart edits", () => {
  it("add and update beyond the cap answer 400 naming the item, and change nothing", async () => {
    const shoe = await limited("Limited Sneaker", 2);
    const browser = new TestBrowser();
    const none = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: other.prices.eur, quantity: 1 }, { price: shoe.prices.eur, quantity: 3 }] } });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ status: 400, error: true, message: capMessage(2, "Limited Sneaker") });
    expect(browser.cookies.has("cart")).toBe(false);

    expect((await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: shoe.prices.eur, quantity: 2 }] } })).status).toBe(200);
    const number = browser.cookies.get("cart")!;
    const over = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: other.prices.eur, quantity: 1 }, { price: shoe.prices.eur, quantity: 1 }] } });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe(capMessage(2, "Limited Sneaker"));
    expect(await cartRows(number)).toEqual([{ price_id: shoe.prices.eur, quantity: 2 }]);

    const up = await browser.call(update, { path: "/api/cart/update", json: { updates: { [shoe.prices.eur]: { quantity: 3 }, [other.prices.eur]: { quantity: 1 } } } });
    expect(up.status).toBe(400);
    expect(up.body).toEqual({ status: 400, error: true, message: capMessage(2, "Limited Sneaker") });
    expect(await cartRows(number)).toEqual([{ price_id: shoe.prices.eur, quantity: 2 }]);
    expect((await browser.call(update, { path: "/api/cart/update", json: { updates: { [shoe.prices.eur]: { quantity: 1 } } } })).status).toBe(200);
  });

  it("counts every price of one variant together", async () => {
    const box = await limited("Coffee Box", 2, { stock: 50, prices: [{ currency: "eur", unit_amount: 900 }, { currency: "eur", unit_amount: 800, recurring: { interval: "month", interval_count: 1 } }] });
    const browser = new TestBrowser();
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: box.prices.eur, quantity: 1 }, { price: box.prices.eur_month, quantity: 2 }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(capMessage(2, "Coffee Box"));
  });

  it("parallel adds to one cart never get past the cap", async () => {
    const shoe = await limited("Drop Sneaker", 3);
    const browser = new TestBrowser();
    expect((await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: other.prices.eur, quantity: 1 }] } })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 8 }, () => browser.call(add, { path: "/api/cart/add", json: { items: [{ price: shoe.prices.eur, quantity: 1 }] } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 400).map((r) => r.body.message)).toEqual(Array(5).fill(capMessage(3, "Drop Sneaker")));
    expect((await cartRows(browser.cookies.get("cart")!)).find((r) => r.price_id === shoe.prices.eur)?.quantity).toBe(3);
  });
});

describe("variants.max_per_order at checkout", () => {
  it("a cap lowered after the cart was filled: cart checkout answers 400 and holds nothing; lowering the quantity is allowed", async () => {
    const shoe = await limited("Lowered Sneaker", null);
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: shoe.prices.eur, quantity: 4 }, { price: other.prices.eur, quantity: 1 }] } });
    const number = browser.cookies.get("cart")!;
    await setCap(shoe, 2);
    const stockBefore = await stockOf(shoe.variantId);
    const refused = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ status: 400, error: true, message: capMessage(2, "Lowered Sneaker") });
    expect(await ordersOfCart(number)).toEqual([]);
    expect(await stockOf(shoe.variantId)).toBe(stockBefore);

    expect((await browser.call(update, { path: "/api/cart/update", json: { updates: { [shoe.prices.eur]: { quantity: 3 } } } })).status).toBe(200);
    expect((await browser.call(cartCheckout, { path: "/api/cart/checkout" })).status).toBe(400);
    expect((await browser.call(update, { path: "/api/cart/update", json: { updates: { [shoe.prices.eur]: { quantity: 2 } } } })).status).toBe(200);
    const ok = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(ok.status).toBe(200);
    expect(await stockOf(shoe.variantId)).toBe(stockBefore - 2);
  });

  it("POST /api/checkout counts all lines of a variant together: 400 {error}, nothing held", async () => {
    const shoe = await limited("Api Sneaker", 2);
    const user = await auth.newUser();
    const post = (cartItems: unknown[]) => new TestBrowser().call(piCheckout, { path: "/api/checkout", headers: { authorization: `Bearer ${user.token}` }, json: { currency: "eur", cartItems } });
    const refused = await post([
      { item_id: shoe.productId, variant_id: shoe.variantId, quantity: 2 },
      { item_id: other.productId, variant_id: other.variantId, quantity: 1 },
      { item_id: shoe.productId, variant_id: shoe.variantId, quantity: 1, customization: { note: "gift" } },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: capMessage(2, "Api Sneaker") });
    const [row] = await db()<{ n: number }[]>`select count(*)::int as n from orders where user_id = ${user.id}`;
    expect(row!.n).toBe(0);
    expect(await stockOf(shoe.variantId)).toBe(50);
    const ok = await post([{ item_id: shoe.productId, variant_id: shoe.variantId, quantity: 2 }]);
    expect(ok.status).toBe(200);
    expect(await stockOf(shoe.variantId)).toBe(48);
  });

  it("an edit while paying cannot go past it", async () => {
    const shoe = await limited("Edit Sneaker", 3);
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: shoe.prices.eur, quantity: 2 }, { price: other.prices.eur, quantity: 1 }] } });
    const res = await browser.call(cartCheckout, { path: "/api/cart/checkout", json: { ui_mode: "elements" } });
    expect(res.status).toBe(200);
    const sessionId = res.body.id as string;
    const lines = await stripeStack.stripe.checkout.sessions.listLineItems(sessionId);
    const shoeLine = lines.data.find((l) => l.description?.startsWith("Edit Sneaker"))!.id;
    const edit = (quantity: number) => browser.call(syncRoute, { path: `/api/checkout/sessions/${sessionId}/cart`, json: { lineItemId: shoeLine, quantity }, params: { id: sessionId } });
    const over = await edit(4);
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ error: "max_per_order", message: capMessage(3, "Edit Sneaker") });
    expect(await stockOf(shoe.variantId)).toBe(48);
    expect((await edit(3)).status).toBe(200);
    expect(await stockOf(shoe.variantId)).toBe(47);
  });
});
