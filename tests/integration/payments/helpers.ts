import { expect } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as cartCheckout } from "@/app/api/cart/checkout/route";
import { POST as piCheckout } from "@/app/api/checkout/route";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { signedWebhook } from "../../helpers/signed-webhook";
import { ordersOfCart } from "../../helpers/orders";
import type { OrderRow } from "@/lib/orders/types";

/** A guest cart with one product checked out on Stripe's hosted page. */
export async function hostedCheckout(opts: { stock?: number; quantity?: number } = {}) {
  const product = await createProduct({ stock: opts.stock ?? 5 });
  const browser = new TestBrowser();
  await browser.call(add, { path: "/api/cart/add", json: { items: [{ price: product.prices.eur, quantity: opts.quantity ?? 1 }] } });
  const res = await browser.call(cartCheckout, { path: "/api/cart/checkout" });
  expect(res.status).toBe(200);
  const [order] = await ordersOfCart(browser.cookies.get("cart")!);
  return { product, browser, sessionId: res.body.id as string, order: order! };
}

/** POST /api/checkout for a signed-in shopper. */
export async function paymentIntentCheckout(token: string, product: Fixture, quantity: number, headers: Record<string, string> = {}) {
  return new TestBrowser().call(piCheckout, {
    path: "/api/checkout",
    json: { cartItems: [{ variant_id: product.variantId, quantity }] },
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}

export function intentIdOf(clientSecret: string): string {
  return clientSecret.split("_secret_")[0]!;
}

/** Delivers a (signed) event body to the webhook route again, as a Stripe redelivery would. */
export async function redeliver(event: object): Promise<number> {
  const { body, signature } = signedWebhook(event);
  const res = await new TestBrowser().call(webhook, { path: "/api/webhooks/stripe", rawBody: body, headers: { "stripe-signature": signature, "content-type": "application/json" } });
  return res.status;
}

/** Units currently held by open orders of one variant: must equal what is missing from its stock. */
export async function heldUnits(variantId: number): Promise<number> {
  const [row] = await db()<{ n: number }[]>`
    select coalesce(sum(oi.quantity), 0)::int as n from order_items oi join orders o on o.id = oi.order_id
    where oi.variant_id = ${variantId} and o.stock_held and o.status in ('pending', 'failed')`;
  return row!.n;
}

export async function ordersOfUser(userId: string): Promise<OrderRow[]> {
  return db()<OrderRow[]>`select * from orders where user_id = ${userId} order by created_at`;
}
