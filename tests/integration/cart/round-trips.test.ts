import { describe, expect, it } from "vitest";
import { GET as getCart } from "@/app/api/cart/route";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as update } from "@/app/api/cart/update/route";
import { POST as clear } from "@/app/api/cart/clear/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { countedDatabase } from "../../helpers/round-trips";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";

/**
 * Database round trips of the cart routes, counted on the wire: this file's pool talks to Postgres
 * through the benchmark's relay, which counts each wait for the server (a pipelined batch is one).
 */
let a: Fixture;
let b: Fixture;

const relay = countedDatabase(async () => {
  a = await createProduct({ stock: 1000, prices: [{ currency: "eur", unit_amount: 1250 }] });
  b = await createProduct({ stock: 1000, prices: [{ currency: "eur", unit_amount: 300 }] });
});
const counter = { reset: () => relay.counter.reset(), read: () => relay.counter.read() };

async function tripsOf(fn: () => Promise<{ status: number }>): Promise<number> {
  counter.reset();
  const res = await fn();
  expect(res.status).toBe(200);
  return counter.read();
}

describe("cart round trips", () => {
  it("add takes 1 (a guest's first cart and an existing one); update and clear take at most 2; GET /api/cart takes 1", async () => {
    const browser = new TestBrowser();
    expect(await tripsOf(() => browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } }))).toBe(1);
    expect(browser.cookies.get("cart")).toMatch(/^[0-9a-f]{32}$/);
    expect(await tripsOf(() => browser.call(add, { path: "/api/cart/add", json: { items: [{ price: b.prices.eur, quantity: 2 }] } }))).toBe(1);
    expect(await tripsOf(() => browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } }))).toBe(1);
    const lines = (await browser.call(getCart, { path: "/api/cart" })).body.items.map((i: { price: string; quantity: number }) => [i.price, i.quantity]);
    expect(lines).toEqual([[a.prices.eur, 2], [b.prices.eur, 2]]);
    expect(await tripsOf(() => browser.call(update, { path: "/api/cart/update", json: { metadata: { note: "x" }, updates: { [a.prices.eur]: { quantity: 3 } } } }))).toBeLessThanOrEqual(2);
    expect(await tripsOf(() => browser.call(getCart, { path: "/api/cart" }))).toBe(1);
    expect(await tripsOf(() => browser.call(clear, { path: "/api/cart/clear", json: {} }))).toBeLessThanOrEqual(2);
    const after = await browser.call(getCart, { path: "/api/cart" });
    expect(after.body.items).toEqual([]);
    expect(after.body.metadata).toEqual({ note: "x" });
  });

  it("a refused add (unknown price) writes nothing and still costs one round trip", async () => {
    const browser = new TestBrowser();
    counter.reset();
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: "price_does_not_exist", quantity: 1 }] } });
    expect(res.status).toBe(404);
    expect(counter.read()).toBe(1);
    expect(browser.cookies.get("cart")).toBeUndefined();
  });
});

describe("a guest's first add (one statement creates the cart only when every rule passes)", () => {
  async function refusedFirstAdd(items: { price: string; quantity: number }[]) {
    const browser = new TestBrowser();
    const [before] = await db()<{ n: number }[]>`select count(*)::int as n from carts`;
    counter.reset();
    const res = await browser.call(add, { path: "/api/cart/add", json: { items } });
    const trips = counter.read();
    const [after] = await db()<{ n: number }[]>`select count(*)::int as n from carts`;
    expect(after!.n).toBe(before!.n);
    expect(browser.cookies.get("cart")).toBeUndefined();
    return { status: res.status, message: res.body.message as string, trips };
  }

  it("refuses with the same answers as an existing cart's add and writes nothing", async () => {
    const usd = await createProduct({ stock: 10, prices: [{ currency: "usd", unit_amount: 500 }] });
    const capped = await createProduct({ stock: 10, name: "Capped", prices: [{ currency: "eur", unit_amount: 500 }] });
    await db()`update variants set max_per_order = 2 where id = ${capped.variantId}`;
    const plans = await createProduct({
      stock: 10,
      prices: [
        { currency: "eur", unit_amount: 900, recurring: { interval: "month", interval_count: 1 } },
        { currency: "eur", unit_amount: 9000, recurring: { interval: "year", interval_count: 1 } },
      ],
    });
    expect(await refusedFirstAdd([{ price: a.prices.eur, quantity: 1 }, { price: usd.prices.usd, quantity: 1 }]))
      .toMatchObject({ status: 400, message: expect.stringMatching(/A cart holds one currency/) });
    expect(await refusedFirstAdd([{ price: capped.prices.eur, quantity: 2 }, { price: capped.prices.eur, quantity: 1 }]))
      .toMatchObject({ status: 400, message: "You can buy at most 2 of Capped (Default) per order" });
    expect(await refusedFirstAdd([{ price: a.prices.eur, quantity: 600 }, { price: a.prices.eur, quantity: 600 }]))
      .toMatchObject({ status: 400, message: `Quantity of ${a.prices.eur} cannot exceed 999` });
    expect(await refusedFirstAdd([{ price: plans.prices.eur_month, quantity: 1 }, { price: plans.prices.eur_year, quantity: 1 }]))
      .toMatchObject({ status: 400, message: expect.stringMatching(/billing interval/) });
    const refused = await refusedFirstAdd([{ price: a.prices.eur, quantity: 1 }, { price: "price_not_here", quantity: 1 }]);
    expect(refused).toEqual({ status: 404, message: "Cannot find price: price_not_here", trips: 1 });
  });

  it("creates the cart with the lines in the order given, units of one price summed, at version 2", async () => {
    const browser = new TestBrowser();
    const res = await browser.call(add, { path: "/api/cart/add", json: { items: [
      { price: b.prices.eur, quantity: 1 }, { price: a.prices.eur, quantity: 2 }, { price: b.prices.eur, quantity: 3 },
    ] } });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { price: string; quantity: number }) => [i.price, i.quantity])).toEqual([[b.prices.eur, 4], [a.prices.eur, 2]]);
    expect(res.body.version).toBe(2);
    expect(res.body.total_price).toBe(4 * 300 + 2 * 1250);
  });
});

describe("an add to an existing cart that breaks a rule", () => {
  it("answers as before in one round trip and writes nothing", async () => {
    const usd = await createProduct({ stock: 10, prices: [{ currency: "usd", unit_amount: 500 }] });
    const capped = await createProduct({ stock: 10, name: "Capped Two", prices: [{ currency: "eur", unit_amount: 500 }] });
    await db()`update variants set max_per_order = 3 where id = ${capped.variantId}`;
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: capped.prices.eur, quantity: 2 }] } });
    const number = browser.cookies.get("cart")!;
    const version = async () => (await db()<{ version: number }[]>`select version from carts where number = ${number}`)[0]!.version;
    const before = await version();
    const refused = async (items: { price: string; quantity: number }[]) => {
      counter.reset();
      const res = await browser.call(add, { path: "/api/cart/add", json: { items } });
      return { status: res.status, message: res.body.message as string, trips: counter.read() };
    };
    expect(await refused([{ price: usd.prices.usd, quantity: 1 }])).toMatchObject({ status: 400, message: expect.stringMatching(/A cart holds one currency/), trips: 1 });
    expect(await refused([{ price: capped.prices.eur, quantity: 2 }])).toEqual({ status: 400, message: "You can buy at most 3 of Capped Two (Default) per order", trips: 1 });
    expect(await refused([{ price: capped.prices.eur, quantity: 998 }])).toMatchObject({ status: 400, trips: 1 });
    expect(await refused([{ price: "price_gone", quantity: 1 }])).toEqual({ status: 404, message: "Cannot find price: price_gone", trips: 1 });
    expect(await version()).toBe(before);
    // A cap lowered later blocks only raising that variant, not adding something else.
    await db()`update variants set max_per_order = 1 where id = ${capped.variantId}`;
    counter.reset();
    const other = await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    expect(other.status).toBe(200);
    expect(counter.read()).toBe(1);
    expect(await version()).toBe(before + 1);
  });
});

describe("parallel writes to one cart (compare-and-set, then the row lock)", () => {
  it("loses no update: 24 parallel adds of one unit each leave 24 units", async () => {
    process.env.DATABASE_POOL_MAX = "8";
    resetEnvCache();
    await db().end();
    (globalThis as { __shopSql?: unknown }).__shopSql = undefined;
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } });
    const results = await Promise.all(Array.from({ length: 24 }, () =>
      browser.call(add, { path: "/api/cart/add", json: { items: [{ price: a.prices.eur, quantity: 1 }] } })));
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(200));
    const cart = await browser.call(getCart, { path: "/api/cart" });
    expect(cart.body.items).toHaveLength(1);
    expect(cart.body.items[0].quantity).toBe(25);
    const version = await db()<{ version: number }[]>`select version from carts where number = ${browser.cookies.get("cart")!}`;
    expect(version[0]!.version).toBe(2 + 24); // created at 2, one bump per write
  });
});
