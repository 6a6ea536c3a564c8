import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as add } from "@/app/api/cart/add/route";
import { POST as checkout } from "@/app/api/cart/checkout/route";
import { GET as getOrder } from "@/app/api/orders/[id]/route";
import { POST as refresh } from "@/app/api/orders/[id]/refresh/route";
import { POST as sync } from "@/app/api/checkout/sessions/[id]/cart/route";
import { db } from "@/lib/db";
import { DEFAULT_SHIPPING_COUNTRIES } from "@/lib/checkout/countries";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";
import { eventually, startStripeStack, type StripeStack } from "../../helpers/stripe-stack";
import { orderById, ordersOfCart } from "../../helpers/orders";
import { SHIP_TO, TEST_ADDRESS } from "../../helpers/shipping";

let stack: StripeStack;
let mug: Fixture;
let giftCard: Fixture;
let plan: Fixture;

beforeAll(async () => {
  stack = await startStripeStack();
  mug = await createProduct({ stock: 100, name: "Shipping Mug", prices: [{ currency: "eur", unit_amount: 2400 }, { currency: "usd", unit_amount: 2600 }] });
  giftCard = await createProduct({ stock: 100, name: "Shipping Gift Card", requiresShipping: false, prices: [{ currency: "eur", unit_amount: 2500 }] });
  plan = await createProduct({
    stock: 100,
    requiresShipping: false,
    prices: [{ currency: "eur", unit_amount: 1600, recurring: { interval: "month", interval_count: 1 } }],
  });
});
afterAll(() => stack.close());

async function open(items: { price: string; quantity: number }[], uiMode?: "elements") {
  const browser = new TestBrowser();
  expect((await browser.call(add, { path: "/api/cart/add", json: { items } })).status).toBe(200);
  const res = await browser.call(checkout, { path: "/api/cart/checkout", json: uiMode ? { ui_mode: uiMode } : {} });
  const [order] = await ordersOfCart(browser.cookies.get("cart")!);
  return { browser, res, session: res.body, order: order! };
}

const orderApi = (browser: TestBrowser, id: string) => browser.call(getOrder, { path: `/api/orders/${id}`, params: { id } });
const pay = (body: Record<string, unknown>) =>
  fetch(`${stack.url}/_emulator/pay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe("hosted sessions", () => {
  it("a cart with goods to ship asks for an address in the configured countries, billing required, rates from the table", async () => {
    const { session, order } = await open([{ price: mug.prices.eur, quantity: 1 }]);
    expect(session.billing_address_collection).toBe("required");
    expect(session.shipping_address_collection.allowed_countries).toEqual([...DEFAULT_SHIPPING_COUNTRIES]);
    expect(session.shipping_options.map((o: { shipping_amount: number }) => o.shipping_amount)).toEqual([0, 950]);
    expect(session.amount_total).toBe(2400);
    expect(order).toMatchObject({ shipping_option: "standard", amount_shipping: 0, amount_total: 2400 });
    expect(order.shipping_countries).toEqual([...DEFAULT_SHIPPING_COUNTRIES]);
  });

  it("rates are priced in the cart's currency", async () => {
    const { session } = await open([{ price: mug.prices.usd, quantity: 1 }]);
    expect(session.currency).toBe("usd");
    expect(session.shipping_options.map((o: { shipping_amount: number }) => o.shipping_amount)).toEqual([0, 1000]);
  });

  it("a gift card alone checks out without an address: none asked, paid without one", async () => {
    const { browser, session, order } = await open([{ price: giftCard.prices.eur, quantity: 1 }]);
    expect(session.shipping_address_collection).toBeNull();
    expect(session.shipping_options).toEqual([]);
    expect(session.billing_address_collection).toBe("required");
    expect(order).toMatchObject({ shipping_countries: null, shipping_option: null, amount_shipping: 0 });
    expect((await pay({ id: session.id, payment_method: "pm_card_visa" })).status).toBe(200);
    await eventually(async () => (await orderById(order.id)).status === "paid");
    const paid = await orderById(order.id);
    expect([paid.needs_review, paid.shipping_address]).toEqual([false, null]);
    expect((await orderApi(browser, order.id)).body).toMatchObject({ status: "paid", shipping: null, amount_shipping: 0 });
  });

  it("a subscription with goods to ship collects the address but offers no rates (payment mode only)", async () => {
    const { session } = await open([{ price: plan.prices.eur_month, quantity: 1 }, { price: mug.prices.eur, quantity: 1 }]);
    expect(session.mode).toBe("subscription");
    expect(session.shipping_address_collection.allowed_countries).toContain("FR");
    expect(session.shipping_options).toEqual([]);
  });

  it("a country outside the allowed list is refused with a clear message and nothing is charged", async () => {
    const { session, order } = await open([{ price: mug.prices.eur, quantity: 1 }]);
    const refused = await pay({ id: session.id, payment_method: "pm_card_visa", shipping_details: { ...TEST_ADDRESS, address: { ...TEST_ADDRESS.address, country: "JP" } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/does not ship to JP/);
    const missing = await pay({ id: session.id, payment_method: "pm_card_visa" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/shipping address/);
    expect((await stack.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await orderById(order.id)).status).toBe("pending");
  });

  it("the paid order keeps the address and the rate picked on Stripe's page (webhook payload), and the order API shows them", async () => {
    const { browser, session, order } = await open([{ price: mug.prices.eur, quantity: 2 }]);
    const express = session.shipping_options[1].shipping_rate as string;
    expect((await pay({ id: session.id, payment_method: "pm_card_visa", shipping_rate: express, ...SHIP_TO })).status).toBe(200);
    await eventually(async () => (await orderById(order.id)).status === "paid");
    const paid = await orderById(order.id);
    expect(paid).toMatchObject({ needs_review: false, shipping_option: "express", amount_shipping: 950, amount_total: 4800 + 950, shipping_name: "Ada Lovelace" });
    expect(paid.shipping_address).toMatchObject({ line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" });
    const api = (await orderApi(browser, order.id)).body;
    expect(api).toMatchObject({
      amount_subtotal: 4800,
      amount_shipping: 950,
      amount_total: 5750,
      shipping: { name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", country: "FR" }, method: { id: "express", name: "Express shipping" } },
    });
  });

  it("the address is stored from Stripe's read-back when the webhook is late", async () => {
    const { browser, session, order } = await open([{ price: mug.prices.eur, quantity: 1 }]);
    await stack.control("/_emulator/webhooks", { paused: true });
    try {
      expect((await pay({ id: session.id, payment_method: "pm_card_visa", ...SHIP_TO })).status).toBe(200);
      await db()`update orders set stripe_checked_at = null where id = ${order.id}`;
      const res = await browser.call(refresh, { method: "POST", path: `/api/orders/${order.id}/refresh`, params: { id: order.id } });
      expect(res.body).toMatchObject({ status: "paid", shipping: { name: "Ada Lovelace", address: { city: "Paris" }, method: { id: "standard" } } });
    } finally {
      await stack.control("/_emulator/webhooks", { paused: false });
    }
  });
});

describe("our elements page", () => {
  const edit = (o: { browser: TestBrowser; session: { id: string } }, json: unknown) =>
    o.browser.call(sync, { path: `/api/checkout/sessions/${o.session.id}/cart`, json, params: { id: o.session.id } });

  it("sends name and address with shipping_details; a refused country changes nothing; the paid order has the address", async () => {
    const o = await open([{ price: mug.prices.eur, quantity: 1 }], "elements");
    expect(o.session.permissions).toEqual({ update_shipping_details: "server_only" });
    expect(o.session.shipping_address_collection.allowed_countries).toContain("DE");

    // Stripe refuses payment while no address is set on a session that collects one.
    expect((await pay({ id: o.session.id, payment_method: "pm_card_visa" })).status).toBe(400);

    const refused = await edit(o, { shippingDetails: { ...TEST_ADDRESS, address: { ...TEST_ADDRESS.address, country: "JP" } }, shippingOption: "express" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "shipping_country_not_allowed" });
    expect(refused.body.message).toMatch(/We do not ship to JP\. We ship to: .*FR/);
    expect((await stack.stripe.checkout.sessions.retrieve(o.session.id)).collected_information?.shipping_details ?? null).toBeNull();
    expect((await orderById(o.order.id)).amount_shipping).toBe(0);

    const incomplete = await edit(o, { shippingDetails: { name: "Ada", address: { line1: "x", country: "FR" } } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toBe("invalid_shipping_details");

    const ok = await edit(o, { shippingDetails: TEST_ADDRESS, shippingOption: "express" });
    expect(ok.status).toBe(200);
    expect(ok.body.amountMinor).toBe(2400 + 950);
    const atStripe = await stack.stripe.checkout.sessions.retrieve(o.session.id);
    expect(atStripe.collected_information?.shipping_details).toMatchObject({ name: "Ada Lovelace", address: { country: "FR", city: "Paris" } });
    expect(atStripe.amount_total).toBe(3350);

    expect((await pay({ id: o.session.id, payment_method: "pm_card_visa" })).status).toBe(200);
    await eventually(async () => (await orderById(o.order.id)).status === "paid");
    expect(await orderById(o.order.id)).toMatchObject({ needs_review: false, amount_total: 3350, shipping_option: "express", shipping_name: "Ada Lovelace" });
    expect((await orderApi(o.browser, o.order.id)).body.shipping.address).toMatchObject({ line1: "12 Rue de la Paix", country: "FR" });
  });

  it("an address Stripe did not take is undone on our side (the read-back tells it from one it took)", async () => {
    const o = await open([{ price: mug.prices.eur, quantity: 1 }], "elements");
    const [cart] = await db()<{ version: number }[]>`select version from carts where order_id = ${o.order.id}`;
    await stack.control("/_emulator/faults", { operation: "checkout.sessions.update", count: 1, error: { status: 500, type: "api_error", message: "boom" } });
    const res = await edit(o, { shippingDetails: TEST_ADDRESS });
    expect(res).toMatchObject({ status: 502, body: { error: "checkout_update_failed" } });
    const [after] = await db()<{ version: number }[]>`select version from carts where order_id = ${o.order.id}`;
    expect(after!.version).toBe(cart!.version);
    expect((await stack.stripe.checkout.sessions.retrieve(o.session.id)).collected_information?.shipping_details ?? null).toBeNull();
    // The same address again goes through.
    expect((await edit(o, { shippingDetails: TEST_ADDRESS })).status).toBe(200);
  });

  it("a gift card alone has no address step", async () => {
    const o = await open([{ price: giftCard.prices.eur, quantity: 1 }], "elements");
    expect(o.session.shipping_address_collection).toBeNull();
    const res = await edit(o, { shippingDetails: TEST_ADDRESS });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("shipping_not_offered");
  });
});

describe("rates the merchant edits", () => {
  let chfMug: Fixture;
  let gbpMug: Fixture;
  beforeAll(async () => {
    chfMug = await createProduct({ stock: 10, prices: [{ currency: "chf", unit_amount: 3000 }] });
    gbpMug = await createProduct({ stock: 10, prices: [{ currency: "gbp", unit_amount: 2000 }] });
    await db()`insert into shipping_rates (id, name, amounts, countries, min_days, max_days, active, position) values
      ('test_chf_swiss', 'Swiss post', '{"chf": 700}', '{CH}', 1, 2, true, 90),
      ('test_chf_world', 'Worldwide', '{"chf": 1500}', null, 5, 9, true, 91),
      ('test_chf_off', 'Retired', '{"chf": 100}', null, null, null, false, 92)`;
  });
  afterAll(async () => {
    await db()`delete from shipping_rates where id like 'test_chf_%'`;
  });

  it("only active rates priced in the currency are offered, and a rate ships only to its countries", async () => {
    const o = await open([{ price: (chfMug.prices as Record<string, string>).chf!, quantity: 1 }], "elements");
    expect(o.session.shipping_options.map((s: { shipping_amount: number }) => s.shipping_amount)).toEqual([700, 1500]);
    expect(o.order.amount_total).toBe(3700);
    const res = await o.browser.call(sync, {
      path: `/api/checkout/sessions/${o.session.id}/cart`,
      json: { shippingDetails: TEST_ADDRESS, shippingOption: "test_chf_swiss" },
      params: { id: o.session.id },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "shipping_option_not_available", message: "Swiss post does not ship to FR; please choose another shipping option" });
    const world = await o.browser.call(sync, {
      path: `/api/checkout/sessions/${o.session.id}/cart`,
      json: { shippingDetails: TEST_ADDRESS, shippingOption: "test_chf_world" },
      params: { id: o.session.id },
    });
    expect(world.status).toBe(200);
    expect(world.body.amountMinor).toBe(4500);
  });

  it("a currency without any rate cannot check out goods that ship, with a clear message", async () => {
    const { res } = await open([{ price: (gbpMug.prices as Record<string, string>).gbp!, quantity: 1 }]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 400, error: true, message: "We cannot ship to you in GBP: no shipping rate is available in this currency." });
  });
});
