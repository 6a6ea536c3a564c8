import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as clear } from "@/app/api/cart/clear/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { hitRateLimit } from "@/lib/limits/rate-limit";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser, type Reply } from "../../helpers/browser";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";

// Attempts that pass the limiter answer 400 "Cart is empty": cheap, and proof they got past it.
let auth: AuthStack;
let item: Fixture;

beforeAll(async () => {
  auth = await startAuthStack();
  item = await createProduct({ stock: 100 });
});
afterAll(() => auth.close());

function configure(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}
afterEach(() => configure({ CHECKOUT_RATE_LIMIT: undefined, CHECKOUT_RATE_WINDOW_SECONDS: undefined, TRUST_PROXY_HEADERS: undefined }));

/** Fixed windows: start a burst well inside one, so it is never split across two. */
async function awayFromWindowEdge(windowSeconds: number, marginMs = 3000): Promise<void> {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

/** A browser whose cart exists (it has a number) but is empty. */
async function emptyCart(headers: Record<string, string> = {}): Promise<TestBrowser> {
  const browser = new TestBrowser(headers);
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: item.prices.eur, quantity: 1 }] } });
  await browser.call(clear, { path: "/api/cart/clear", json: {} });
  expect(browser.cookies.get("cart")).toMatch(/^[0-9a-f]{32}$/);
  return browser;
}

const checkoutOf = (b: TestBrowser) => b.call(cartCheckout, { path: "/api/cart/checkout", json: {} });
const statuses = (rs: Reply[]) => rs.map((r) => r.status).sort();

function expectCart429(r: Reply, windowSeconds: number): void {
  expect(r.status).toBe(429);
  const retry = Number(r.headers.get("retry-after"));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(windowSeconds);
  expect(r.body).toEqual({ status: 429, error: true, message: `Too many checkout attempts, try again in ${retry} seconds` });
}

describe("checkout rate limit (POST /api/cart/checkout)", () => {
  it("15 parallel attempts on one cart: exactly 10 get through, 5 answer 429 with Retry-After; other carts are not affected", async () => {
    const browser = await emptyCart();
    await awayFromWindowEdge(60);
    const results = await Promise.all(Array.from({ length: 15 }, () => checkoutOf(browser)));
    expect(statuses(results)).toEqual([...Array(10).fill(400), ...Array(5).fill(429)]);
    for (const r of results.filter((x) => x.status === 400)) expect(r.body).toEqual({ status: 400, error: true, message: "Cart is empty" });
    for (const r of results.filter((x) => x.status === 429)) expectCart429(r, 60);
    expect((await checkoutOf(await emptyCart())).status).toBe(400);
  });

  it("shoppers behind one address are never throttled together when no trusted proxy names the client", async () => {
    const shoppers = await Promise.all(Array.from({ length: 15 }, () => emptyCart({ "x-forwarded-for": "203.0.113.7" })));
    await awayFromWindowEdge(60);
    const results = await Promise.all(shoppers.map(checkoutOf));
    expect(statuses(results)).toEqual(Array(15).fill(400));
  });

  it("with TRUST_PROXY_HEADERS=vercel the client address is limited too: 10 pass from one address, other addresses are not affected", async () => {
    configure({ TRUST_PROXY_HEADERS: "vercel" });
    const shoppers = await Promise.all(Array.from({ length: 15 }, () => emptyCart({ "x-forwarded-for": "203.0.113.8" })));
    await awayFromWindowEdge(60);
    const results = await Promise.all(shoppers.map(checkoutOf));
    expect(statuses(results)).toEqual([...Array(10).fill(400), ...Array(5).fill(429)]);
    for (const r of results.filter((x) => x.status === 429)) expectCart429(r, 60);
    expect((await checkoutOf(await emptyCart({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).status).toBe(400);
  });

  it("after Retry-After the same cart may try again (window and limit from the environment)", async () => {
    configure({ CHECKOUT_RATE_LIMIT: "2", CHECKOUT_RATE_WINDOW_SECONDS: "2" });
    const browser = await emptyCart();
    await awayFromWindowEdge(2, 1500);
    const [a, b, c] = await Promise.all([checkoutOf(browser), checkoutOf(browser), checkoutOf(browser)]);
    expect(statuses([a!, b!, c!])).toEqual([400, 400, 429]);
    const limited = [a!, b!, c!].find((r) => r.status === 429)!;
    expectCart429(limited, 2);
    await new Promise((r) => setTimeout(r, Number(limited.headers.get("retry-after")) * 1000 + 100));
    expect((await checkoutOf(browser)).status).toBe(400);
  });
});

describe("checkout rate limit (POST /api/checkout, seed 002)", () => {
  it("12 parallel attempts by one user: 10 get through, 2 answer 429 {error} with Retry-After; counted with the user's cart checkouts", async () => {
    const user = await auth.newUser();
    const post = () => new TestBrowser().call(piCheckout, { path: "/api/checkout", headers: { authorization: `Bearer ${user.token}` }, json: { cartItems: [] } });
    await awayFromWindowEdge(60);
    const results = await Promise.all(Array.from({ length: 12 }, post));
    expect(statuses(results)).toEqual([...Array(10).fill(400), 429, 429]);
    for (const r of results.filter((x) => x.status === 400)) expect(r.body).toEqual({ error: "Cart is empty" });
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body).toEqual({ error: "Too many requests" });
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // The same user's cart checkout shares the budget.
    const signedIn = new TestBrowser({ authorization: `Bearer ${user.token}` });
    expect((await signedIn.call(cartCheckout, { path: "/api/cart/checkout", json: {} })).status).toBe(429);
  });
});

describe("rate-limit counters", () => {
  it("live in Postgres, one row per bucket and window; old windows are swept by a later check", async () => {
    const bucket = `test:${Date.now()}`;
    await db()`insert into rate_limit_windows (bucket, window_start, hits) values (${bucket}, now() - interval '3 hours', 99)`;
    expect(await hitRateLimit([bucket], 5, 60, { sweep: true })).toEqual({ allowed: true });
    const rows = await db()<{ hits: number; old: boolean }[]>`
      select hits, window_start < now() - interval '1 hour' as old from rate_limit_windows where bucket = ${bucket}`;
    expect(rows).toEqual([{ hits: 1, old: false }]);
  });
});
