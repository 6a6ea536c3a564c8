import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCart } from "@/app/api/cart/route";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as update } from "@/app/api/cart/update/route";
import { POST as clear } from "@/app/api/cart/clear/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { db } from "@/lib/db";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";

let a: Fixture;
let b: Fixture;
let sub: Fixture;

beforeAll(async () => {
  a = await createProduct({ stock: 10, prices: [{ currency: "eur", unit_amount: 1250 }, { currency: "usd", unit_amount: 1400 }] });
  b = await createProduct({ stock: 5, prices: [{ currency: "eur", unit_amount: 300 }] });
  sub = await createProduct({
    stock: 100,
    prices: [
      { currency: "eur", unit_amount: 900, recurring: { interval: "month", interval_count: 1 } },
      { currency: "eur", unit_amount: 9000, recurring: { interval: "year", interval_count: 1 } },
    ],
  });
});

async function cartRows(number: string) {
  return db()<{ price_id: string; quantity: number }[]>`
    select ci.price_id, ci.quantity from cart_items ci join carts c on c.id = ci.cart_id where c.number = ${number} order by ci.position`;
}

describe("cart API (seed 001)", () => {
  it("GET without a cart answers the empty shape", async () => {
    const res = await new TestBrowser().call(getCart, { path: "/api/cart" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: null, metadata: {}, total_price: 0, item_count: 0, items: [], products: {} });
    expect(res.body.total_price_with_currency).toBe("€0.00");
  });

  it("add creates the cart with an httpOnly SameSite=Lax cookie and merges quantities of the same price", async () => {
    const browser = new TestBrowser();
    const first = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 2 }] } });
    expect(first.status).toBe(200);
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^cart=[0-9a-f]{32};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(first.body.number).toMatch(/^[0-9a-f]{32}$/);

    const second = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 3 }, { price: b.prices.eur, quantity: 1 }] } });
    expect(second.status).toBe(200);
    expect(second.body.number).toBe(first.body.number);
    expect(second.headers.get("set-cookie")).toBeNull();

    const res = await browser.call(getCart, { path: "/api/cart" });
    expect(res.body.item_count).toBe(6);
    expect(res.body.total_price).toBe(5 * 1250 + 300);
    expect(res.body.total_price_with_currency).toBe("€65.50");
    expect(res.body.currency).toBe("eur");
    const item = res.body.items.find((i: any) => i.price === a.prices.eur);
    expect(item).toMatchObject({ object: "price", price: a.prices.eur, quantity: 5, unit_amount: 1250, unit_amount_decimal: "1250", currency: "eur", recurring: null, type: "one_time", product: a.productId });
    expect(res.body.products[String(a.productId)]).toMatchObject({ id: a.productId, object: "product", name: expect.any(String) });
  });

  it("an unknown price gives the seed's 404 and leaves the cart unchanged", async () => {
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: b.prices.eur, quantity: 1 }] } });
    const number = browser.cookies.get("cart")!;
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }, { price: "price_nope", quantity: 1 }] } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 404, error: true, message: "Cannot find price: price_nope" });
    expect(await cartRows(number)).toEqual([{ price_id: b.prices.eur, quantity: 1 }]);
  });

  it("an unknown price on a browser without a cart creates no cart", async () => {
    const browser = new TestBrowser();
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: "price_missing", quantity: 1 }] } });
    expect(res.status).toBe(404);
    expect(browser.cookies.has("cart")).toBe(false);
  });

  it.each([
    ["string", "2"], ["float", 1.5], ["zero", 0], ["negative", -1], ["huge", 1e9], ["null", null], ["over 999", 1000],
  ])("rejects a %s quantity with 400", async (_label, quantity) => {
    const res = await new TestBrowser().call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity }] } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, error: true, message: expect.stringMatching(/quantity/) });
  });

  it("rejects malformed JSON, wrong bodies and non-JSON content types in the seed's shape", async () => {
    const browser = new TestBrowser();
    const bad = await browser.call(add, { path: "/api/cart/add", rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ status: 400, error: true, message: "Malformed JSON body" });
    const form = await browser.call(add, { path: "/api/cart/add", rawBody: "items=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(form.body.error).toBe(true);
    const text = await browser.call(clear, { path: "/api/cart/clear", rawBody: "", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    for (const json of [{}, { items: [] }, { items: "x" }, [1, 2], "str", { items: [{ quantity: 1 }] }]) {
      const res = await browser.call(add, { path: "/api/cart/add", json });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(true);
    }
  });

  it("holds one currency", async () => {
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.usd, quantity: 1 }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/currency/);
  });

  it("refuses recurring items with different intervals (mixed-interval 400)", async () => {
    const browser = new TestBrowser();
    const ok = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: sub.prices.eur_month, quantity: 1 }, { price: b.prices.eur, quantity: 1 }] } });
    expect(ok.status).toBe(200);
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: sub.prices.eur_year, quantity: 1 }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/interval/);
    const item = ok.body.items.find((i: any) => i.price === sub.prices.eur_month);
    expect(item).toMatchObject({ type: "recurring", recurring: { interval: "month", interval_count: 1 } });
  });

  it("update sets quantities, removes with 0, adds missing prices and replaces metadata, all or nothing", async () => {
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }, { price: b.prices.eur, quantity: 2 }] } });
    const number = browser.cookies.get("cart")!;
    const res = await browser.call(update, {
      path: "/api/cart/update",
      json: { metadata: { is_gift: "yes" }, updates: { [a.prices.eur]: { quantity: 4 }, [b.prices.eur]: { quantity: 0 } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ is_gift: "yes" });
    expect(await cartRows(number)).toEqual([{ price_id: a.prices.eur, quantity: 4 }]);

    const added = await browser.call(update, { path: "/api/cart/update", json: { updates: { [b.prices.eur]: { quantity: 3 } }, metadata: { is_gift: "no" } } });
    expect(added.status).toBe(200);
    expect(added.body.metadata).toEqual({ is_gift: "no" });
    expect(await cartRows(number)).toEqual([{ price_id: a.prices.eur, quantity: 4 }, { price_id: b.prices.eur, quantity: 3 }]);

    const failed = await browser.call(update, { path: "/api/cart/update", json: { updates: { [a.prices.eur]: { quantity: 9 }, price_gone: { quantity: 1 } } } });
    expect(failed.status).toBe(404);
    expect(failed.body).toEqual({ status: 404, error: true, message: "Cannot find price: price_gone" });
    expect(await cartRows(number)).toEqual([{ price_id: a.prices.eur, quantity: 4 }, { price_id: b.prices.eur, quantity: 3 }]);

    const bad = await browser.call(update, { path: "/api/cart/update", json: { updates: { [a.prices.eur]: { quantity: -1 } } } });
    expect(bad.status).toBe(400);
  });

  it("clear empties the items and keeps the number", async () => {
    const browser = new TestBrowser();
    const added = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    const res = await browser.call(clear, { path: "/api/cart/clear" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: added.body.number, items: [], item_count: 0, total_price: 0, products: {} });
    const again = await browser.call(getCart, { path: "/api/cart" });
    expect(again.body.number).toBe(added.body.number);
  });

  it("checkout of an empty cart is 400 Cart is empty", async () => {
    const browser = new TestBrowser();
    const none = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ status: 400, error: true, message: "Cart is empty" });
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    await browser.call(clear, { path: "/api/cart/clear" });
    const empty = await browser.call(checkout, { path: "/api/cart/checkout", json: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe("Cart is empty");
  });

  it("keeps carts apart: another browser's cookie-less request sees nothing", async () => {
    const mine = new TestBrowser();
    await mine.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    const theirs = new TestBrowser();
    theirs.cookies.set("cart", "0".repeat(32));
    const res = await theirs.call(getCart, { path: "/api/cart" });
    expect(res.body.number).toBeNull();
  });
});

describe("malformed cookies", () => {
  it("are ignored rather than failing the request", async () => {
    const browser = new TestBrowser({ cookie: "cart=%E0%A4%A; sb-x-auth-token=%%%" });
    const res = await browser.call(getCart, { path: "/api/cart" });
    expect(res.status).toBe(200);
    expect(res.body.number).toBeNull();
  });
});
