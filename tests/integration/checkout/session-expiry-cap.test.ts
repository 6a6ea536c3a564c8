import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { resetEnvCache } from "@/lib/env";
import { startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { ordersOfCart } from "../../helpers/orders";

/**
 * The app against the emulator's 30-minute to 24-hour `expires_at` window (stripe-node
 * Checkout.SessionCreateParams.expires_at): the longest reservation the app allows
 * (RESERVATION_TTL_MINUTES=1440) must still give Stripe a session expiry it accepts.
 */
let stack: StripeStack;
let mug: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  mug = await createProduct({ stock: 20, name: "Expiry Mug", prices: [{ currency: "eur", unit_amount: 2400 }] });
});
afterAll(() => stack.close());

describe("the Checkout Session's expires_at stays inside Stripe's window", () => {
  it("a 24-hour reservation opens a session that expires no later than 24 hours after it was made", async () => {
    const browser = new TestBrowser();
    expect((await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: mug.prices.eur, quantity: 1 }] } })).status).toBe(200);
    process.env.RESERVATION_TTL_MINUTES = "1440";
    resetEnvCache();
    const res = await browser.call(checkout, { path: "/api/cart/checkout" }).finally(() => {
      delete process.env.RESERVATION_TTL_MINUTES;
      resetEnvCache();
    });
    expect(res.status).toBe(200);
    const session = res.body as { id: string; created: number; expires_at: number };
    expect(session.expires_at - session.created).toBeLessThanOrEqual(24 * 3600);
    expect(session.expires_at - session.created).toBeGreaterThan(24 * 3600 - 5 * 60);
    const [order] = await ordersOfCart(browser.cookies.get("cart")!);
    expect(order).toMatchObject({ status: "pending", stripe_checkout_session_id: session.id });
  });

  it("the default 30-minute reservation still gets at least 30 minutes at Stripe", async () => {
    const browser = new TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: mug.prices.eur, quantity: 1 }] } });
    const res = await browser.call(checkout, { path: "/api/cart/checkout" });
    expect(res.status).toBe(200);
    const session = res.body as { created: number; expires_at: number };
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
  });
});
