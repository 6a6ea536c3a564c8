import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { injectFault } from "../../helpers/stripe-stack";
import { stripeAndAuthStacks } from "../../helpers/stacks";
import { orderById, ordersOfCart } from "../../helpers/orders";
import { heldUnits, hostedCheckout, intentIdOf, ordersOfUser, paymentIntentCheckout } from "./helpers";

const stacks = stripeAndAuthStacks();

// Stripe acts, the answer never arrives. stripe-node retries a closed connection once even with
// retries off (RequestSender._shouldRetry), and its retry is dropped too.
const LOST = { count: 2, mode: "drop_after" as const };

async function intentsFor(orderId: string): Promise<string[]> {
  const created = await stacks.stripe.stripe.events.list({ type: "payment_intent.created", limit: 100 });
  return created.data
    .map((e) => e.data.object as { id: string; metadata: Record<string, string> })
    .filter((pi) => pi.metadata.order_id === orderId)
    .map((pi) => pi.id);
}

describe("a lost answer from Stripe never cancels an order Stripe may hold", () => {
  it("PaymentIntent create: 500 Checkout failed, the order keeps its units, the same Idempotency-Key gets the PaymentIntent Stripe made", async () => {
    const product = await createProduct({ stock: 5 });
    const user = await stacks.auth.newUser();
    const key = crypto.randomUUID();
    await injectFault(stacks.stripe, { operation: "payment_intents.create", ...LOST });
    const lost = await paymentIntentCheckout(user.token, product, 2, { "idempotency-key": key });
    expect(lost).toMatchObject({ status: 500, body: { error: "Checkout failed" } });
    const [order] = await ordersOfUser(user.id);
    expect([order!.status, order!.stock_held, order!.stripe_payment_intent_id]).toEqual(["pending", true, null]);
    expect(await stockOf(product.variantId)).toBe(3);
    expect(await heldUnits(product.variantId)).toBe(2);
    const made = await intentsFor(order!.id);
    expect(made).toHaveLength(1);

    const retry = await paymentIntentCheckout(user.token, product, 2, { "idempotency-key": key });
    expect(retry.status).toBe(200);
    expect(retry.body.orderId).toBe(order!.id);
    expect(intentIdOf(retry.body.clientSecret)).toBe(made[0]);
    expect(await intentsFor(order!.id)).toHaveLength(1);
    expect((await ordersOfUser(user.id)).map((o) => o.id)).toEqual([order!.id]);
    expect(await stockOf(product.variantId)).toBe(3);
  });

  it("Checkout Session create: the session Stripe made stays payable and its order keeps the units", async () => {
    const product = await createProduct({ stock: 5 });
    const browser = new (await import("../../helpers/browser")).TestBrowser();
    await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: product.prices.eur, quantity: 2 }] } });
    await injectFault(stacks.stripe, { operation: "checkout.sessions.create", ...LOST });
    expect((await browser.call(cartCheckout, { path: "/api/cart/checkout" })).status).toBe(500);
    const [order] = await ordersOfCart(browser.cookies.get("cart")!);
    const sessions = (await stacks.stripe.stripe.checkout.sessions.list({ limit: 100 })).data.filter((s) => s.client_reference_id === order!.id);
    expect(sessions.map((s) => s.status)).toEqual(["open"]);
    expect([order!.status, order!.stock_held]).toEqual(["pending", true]);
    expect(await heldUnits(product.variantId)).toBe(5 - (await stockOf(product.variantId)));
  });

  it("a double click answered 409 idempotency_key_in_use leaves the first click's order alone", async () => {
    const product = await createProduct({ stock: 5 });
    const user = await stacks.auth.newUser();
    const key = crypto.randomUUID();
    await injectFault(stacks.stripe, { operation: "payment_intents.create", count: 1, error: { status: 409, type: "idempotency_error", code: "idempotency_key_in_use", message: "There is currently another in-progress request using this Idempotent Key." } });
    expect((await paymentIntentCheckout(user.token, product, 1, { "idempotency-key": key })).status).toBe(500);
    const [order] = await ordersOfUser(user.id);
    expect([order!.status, order!.stock_held]).toEqual(["pending", true]);
    const retry = await paymentIntentCheckout(user.token, product, 1, { "idempotency-key": key });
    expect(retry.status).toBe(200);
    expect(retry.body.orderId).toBe(order!.id);
  });

  it("a superseded order whose session could not be closed keeps its units and is marked for the cron", async () => {
    const first = await hostedCheckout({ stock: 5, quantity: 1 });
    const other = await createProduct({ stock: 5 });
    await first.browser.call(add, { path: "/api/cart/add", json: { items: [{ price: other.prices.eur, quantity: 1 }] } });
    await injectFault(stacks.stripe, { operation: "checkout.sessions.expire", count: 1, error: { status: 503, type: "api_error", message: "unavailable" } });
    const next = await first.browser.call(cartCheckout, { path: "/api/cart/checkout" });
    expect(next.status).toBe(200);
    const old = await orderById(first.order.id);
    expect([old.status, old.stock_held]).toEqual(["pending", true]);
    expect(old.close_requested_at).not.toBeNull();
    expect(old.close_attempts).toBe(1);
    expect((await stacks.stripe.stripe.checkout.sessions.retrieve(first.sessionId)).status).toBe("open");
    expect(await stockOf(first.product.variantId)).toBe(3); // held by both live orders: the old one may still be paid
  });
});
