import { describe, expect, it } from "vitest";
import { GET as getCart } from "@/app/api/cart/route";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as update } from "@/app/api/cart/update/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { POST as syncRoute } from "@/app/api/checkout/sessions/[id]/cart/route";
import { db } from "@/lib/db";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { stripeAndAuthStacks } from "../../helpers/stacks";
import { ordersOfCart } from "../../helpers/orders";

const stacks = stripeAndAuthStacks();

type Switch = "product" | "variant" | "price";

async function switchOff(kind: Switch, f: Fixture): Promise<void> {
  if (kind === "product") await db()`update products set active = false where id = ${f.productId}`;
  if (kind === "variant") await db()`update variants set active = false where id = ${f.variantId}`;
  if (kind === "price") await db()`update prices set active = false where id = ${f.prices.eur}`;
}

async function cartWith(items: { price: string; quantity: number }[]): Promise<TestBrowser> {
  const browser = new TestBrowser();
  const res = await browser.call(add, { path: "/api/cart/add", json: { items } });
  expect(res.status).toBe(200);
  return browser;
}

async function ordersOfUser(userId: string): Promise<number> {
  const [row] = await db()<{ n: number }[]>`select count(*)::int as n from orders where user_id = ${userId}`;
  return row!.n;
}

describe.each<Switch>(["product", "variant", "price"])("a %s the merchant switched off while it sits in a cart", (kind) => {
  it("GET /api/cart marks the line unavailable; cart checkout answers 400 naming it and holds nothing; removing it unblocks checkout", async () => {
    const lamp = await createProduct({ stock: 10, name: `Desk Lamp ${kind}` });
    const bulb = await createProduct({ stock: 10, name: `Bulb ${kind}`, prices: [{ currency: "eur", unit_amount: 300 }] });
    const browser = await cartWith([{ price: lamp.prices.eur, quantity: 2 }, { price: bulb.prices.eur, quantity: 1 }]);
    const number = browser.cookies.get("cart")!;
    await switchOff(kind, lamp);

    const cart = await browser.call(getCart, { path: "/api/cart" });
    expect(cart.status).toBe(200);
    const line = cart.body.items.find((i: { price: string }) => i.price === lamp.prices.eur);
    // Seed 001 fields as before, plus `available` / `unavailable_reason`.
    expect(line).toMatchObject({
      object: "price", price: lamp.prices.eur, quantity: 2, unit_amount: 1000, currency: "eur", type: "one_time",
      active: kind !== "price", available: false, unavailable_reason: `${kind}_inactive`,
    });
    expect(cart.body.items.find((i: { price: string }) => i.price === bulb.prices.eur)).toMatchObject({ available: true, unavailable_reason: null });
    expect(cart.body.products[String(lamp.productId)].active).toBe(kind !== "product");
    expect(cart.body).toMatchObject({ number, item_count: 3, total_price: 2300, currency: "eur" });

    const stockBefore = [await stockOf(lamp.variantId), await stockOf(bulb.variantId)];
    for (const ui_mode of ["hosted_page", "elements"]) {
      const res = await browser.call(cartCheckout, { path: "/api/cart/checkout", json: { ui_mode } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ status: 400, error: true, message: `Desk Lamp ${kind} (Default) is no longer available; remove it from your cart to check out` });
    }
    expect(await ordersOfCart(number)).toEqual([]);
    expect([await stockOf(lamp.variantId), await stockOf(bulb.variantId)]).toEqual(stockBefore);

    // More of it cannot be added back; removing it is always allowed.
    const more = await browser.call(update, { path: "/api/cart/update", json: { updates: { [lamp.prices.eur]: { quantity: 3 } } } });
    expect(more.status).toBe(404);
    const fewer = await browser.call(update, { path: "/api/cart/update", json: { updates: { [lamp.prices.eur]: { quantity: 1 } } } });
    expect(fewer.status).toBe(200);
    expect(fewer.body.items.find((i: { price: string }) => i.price === lamp.prices.eur)).toMatchObject({ quantity: 1, available: false });
    const removed = await browser.call(update, { path: "/api/cart/update", json: { updates: { [lamp.prices.eur]: { quantity: 0 } } } });
    expect(removed.status).toBe(200);
    const ok = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(ok.status).toBe(200);
    expect(ok.body.amount_total).toBe(300);
    expect(await stockOf(lamp.variantId)).toBe(stockBefore[0]);
    expect(await stockOf(bulb.variantId)).toBe(stockBefore[1]! - 1);
  });
});

describe("switched off after a checkout session was opened", () => {
  it("checking out the same cart again is refused (no new order, nothing more held)", async () => {
    const lamp = await createProduct({ stock: 10, name: "Open Lamp" });
    const browser = await cartWith([{ price: lamp.prices.eur, quantity: 1 }]);
    const first = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(first.status).toBe(200);
    await switchOff("variant", lamp);
    const again = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/^Open Lamp \(Default\) is no longer available/);
    expect(await ordersOfCart(browser.cookies.get("cart")!)).toHaveLength(1);
    expect(await stockOf(lamp.variantId)).toBe(9);
  });

  it("an edit while paying may lower it but not raise it", async () => {
    const lamp = await createProduct({ stock: 10, name: "Edit Lamp" });
    const bulb = await createProduct({ stock: 10, name: "Edit Bulb" });
    const browser = await cartWith([{ price: lamp.prices.eur, quantity: 2 }, { price: bulb.prices.eur, quantity: 1 }]);
    const res = await browser.call(cartCheckout, { path: "/api/cart/checkout", json: { ui_mode: "elements" } });
    expect(res.status).toBe(200);
    const sessionId = res.body.id as string;
    const lines = await stacks.stripe.stripe.checkout.sessions.listLineItems(sessionId);
    const lampLine = lines.data.find((l) => l.price?.unit_amount === 1000 && l.description?.startsWith("Edit Lamp"))!.id;
    await switchOff("product", lamp);
    const edit = (json: unknown) => browser.call(syncRoute, { path: `/api/checkout/sessions/${sessionId}/cart`, json, params: { id: sessionId } });

    const up = await edit({ lineItemId: lampLine, quantity: 3 });
    expect(up.status).toBe(400);
    expect(up.body).toEqual({ error: "item_unavailable", message: "Edit Lamp (Default) is no longer available; remove it from your cart to check out" });
    expect(await stockOf(lamp.variantId)).toBe(8);

    const down = await edit({ lineItemId: lampLine, quantity: 1 });
    expect(down.status).toBe(200);
    expect(await stockOf(lamp.variantId)).toBe(9);
  });
});

describe("POST /api/checkout (seed 002) with switched-off items", () => {
  it.each<[Switch, (f: Fixture) => string]>([
    ["variant", (f) => `Variant ${f.variantId} introuvable`],
    ["product", (f) => `Variant ${f.variantId} introuvable`],
    ["price", (f) => `Variant ${f.variantId} has no price in eur`],
  ])("a switched-off %s answers 400 with the seed's closest message and holds nothing", async (kind, message) => {
    const user = await stacks.auth.newUser();
    const lamp = await createProduct({ stock: 10, name: `PI Lamp ${kind}` });
    const other = await createProduct({ stock: 10 });
    await switchOff(kind, lamp);
    const res = await new TestBrowser().call(piCheckout, {
      path: "/api/checkout",
      headers: { authorization: `Bearer ${user.token}` },
      json: { currency: "eur", cartItems: [{ item_id: other.productId, variant_id: other.variantId, quantity: 1 }, { item_id: lamp.productId, variant_id: lamp.variantId, quantity: 1 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message(lamp) });
    expect(await ordersOfUser(user.id)).toBe(0);
    expect([await stockOf(lamp.variantId), await stockOf(other.variantId)]).toEqual([10, 10]);
  });
});
