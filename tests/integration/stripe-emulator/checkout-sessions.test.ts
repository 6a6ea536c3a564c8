import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrice, rejection, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let shirt: Stripe.Price;
let monthly: Stripe.Price;

beforeAll(async () => {
  h = await startHarness({ webhooks: true });
  shirt = await createPrice(h.stripe, 1500, { name: "Shirt" });
  monthly = await createPrice(h.stripe, 900, { name: "Club", recurring: { interval: "month" } });
});
afterAll(async () => {
  await h.close();
});

const eventsFor = (id: string) =>
  h.receiver!.received.filter((r) => (r.event.data.object as { id: string }).id === id).map((r) => r.event.type);

describe("Checkout Sessions", () => {
  it("creates a hosted_page session with price, price_data, adjustable quantity and shipping", async () => {
    const now = Math.floor(Date.now() / 1000);
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://shop.test/cart",
      line_items: [
        { price: shirt.id, quantity: 2, adjustable_quantity: { enabled: true, maximum: 10 } },
        { price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Socks", description: "Warm" } }, quantity: 1 },
      ],
      shipping_options: [
        { shipping_rate_data: { display_name: "Standard", type: "fixed_amount", fixed_amount: { amount: 500, currency: "usd" } } },
      ],
      metadata: { order_id: "o_9" },
      client_reference_id: "cart_123",
      customer_email: "buyer@example.com",
      expires_at: now + 45 * 60,
      payment_intent_data: { metadata: { order_id: "o_9" } },
    });
    expect(s.id).toMatch(/^cs_test_/);
    expect(s.object).toBe("checkout.session");
    expect(s.ui_mode).toBe("hosted_page");
    expect(s.url).toBe(`${h.emulator.url}/pay/${s.id}`);
    expect(s.client_secret).toBeNull();
    expect(s.status).toBe("open");
    expect(s.payment_status).toBe("unpaid");
    expect(s.payment_intent).toBeNull();
    expect(s.currency).toBe("usd");
    expect(s.amount_subtotal).toBe(3700);
    expect(s.amount_total).toBe(4200);
    expect(s.total_details?.amount_shipping).toBe(500);
    expect(s.metadata).toEqual({ order_id: "o_9" });
    expect(s.client_reference_id).toBe("cart_123");
    expect(s.customer_email).toBe("buyer@example.com");
    expect(s.expires_at).toBe(now + 45 * 60);

    const items = await h.stripe.checkout.sessions.listLineItems(s.id);
    expect(items.url).toBe(`/v1/checkout/sessions/${s.id}/line_items`);
    const [a, b] = items.data;
    expect(a).toMatchObject({
      object: "item",
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: "usd",
      description: "Shirt",
      quantity: 2,
      adjustable_quantity: { enabled: true, maximum: 10, minimum: 0 },
    });
    expect(a?.id).toMatch(/^li_/);
    expect(a?.price).toMatchObject({ id: shirt.id, object: "price", unit_amount: 1500 });
    expect(b?.description).toBe("Socks");

    const expanded = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ["line_items"] });
    expect(expanded.line_items?.data.map((l) => l.id)).toEqual(items.data.map((l) => l.id));
    expect(expanded.line_items?.object).toBe("list");
  });

  it("gives embedded_page, elements and form sessions a client_secret and no url; they need a return_url", async () => {
    for (const ui_mode of ["embedded_page", "elements", "form"] as const) {
      const s = await h.stripe.checkout.sessions.create({
        mode: "payment",
        ui_mode,
        return_url: "http://shop.test/return",
        line_items: [{ price: shirt.id, quantity: 1 }],
      });
      expect(s.ui_mode).toBe(ui_mode);
      expect(s.url).toBeNull();
      expect(s.client_secret).toMatch(new RegExp(`^${s.id}_secret_`));
      const missing = await rejection(
        h.stripe.checkout.sessions.create({ mode: "payment", ui_mode, line_items: [{ price: shirt.id, quantity: 1 }] }),
      );
      expect(missing.param).toBe("return_url");
      const withSuccess = await rejection(
        h.stripe.checkout.sessions.create({
          mode: "payment",
          ui_mode,
          return_url: "http://shop.test/r",
          success_url: "http://shop.test/ok",
          line_items: [{ price: shirt.id, quantity: 1 }],
        }),
      );
      expect(withSuccess.param).toBe("success_url");
    }
    const hostedReturn = await rejection(
      h.stripe.checkout.sessions.create({ mode: "payment", return_url: "http://x/r", line_items: [{ price: shirt.id, quantity: 1 }] }),
    );
    expect(hostedReturn.param).toBe("return_url");
  });

  it("validates mode against recurring prices, currencies and expires_at", async () => {
    const base = { success_url: "http://shop.test/ok" };
    const payRecurring = await rejection(
      h.stripe.checkout.sessions.create({ ...base, mode: "payment", line_items: [{ price: monthly.id, quantity: 1 }] }),
    );
    expect(payRecurring).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const subOneTime = await rejection(
      h.stripe.checkout.sessions.create({ ...base, mode: "subscription", line_items: [{ price: shirt.id, quantity: 1 }] }),
    );
    expect(subOneTime).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const eur = await createPrice(h.stripe, 500, { currency: "eur" });
    const mixed = await rejection(
      h.stripe.checkout.sessions.create({
        ...base,
        mode: "payment",
        line_items: [
          { price: shirt.id, quantity: 1 },
          { price: eur.id, quantity: 1 },
        ],
      }),
    );
    expect(mixed).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    // The emulator shares this process's clock: start at the top of a second so "exactly 30 minutes" is exact.
    while (Date.now() % 1000 > 200) await new Promise((r) => setTimeout(r, 20));
    const now = { now: Math.floor(Date.now() / 1000) };
    const thirty = await h.stripe.checkout.sessions.create({
      ...base,
      mode: "payment",
      expires_at: now.now + 30 * 60,
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    expect(thirty.expires_at).toBe(now.now + 30 * 60);
    for (const expires_at of [now.now + 30 * 60 - 1, now.now + 24 * 3600 + 1]) {
      const err = await rejection(
        h.stripe.checkout.sessions.create({ ...base, mode: "payment", expires_at, line_items: [{ price: shirt.id, quantity: 1 }] }),
      );
      expect(err.param).toBe("expires_at");
    }
    const noMode = await rejection(
      h.stripe.checkout.sessions.create({ ...base, line_items: [{ price: shirt.id, quantity: 1 }] } as Stripe.Checkout.SessionCreateParams),
    );
    expect(noMode.code).toBe("parameter_missing");
    expect(noMode.param).toBe("mode");
    const missingPrice = await rejection(
      h.stripe.checkout.sessions.create({ ...base, mode: "payment", line_items: [{ price: "price_nope", quantity: 1 }] }),
    );
    expect(missingPrice.code).toBe("resource_missing");
    expect(missingPrice.param).toBe("line_items[0][price]");
  });

  it("paying a payment-mode session creates a succeeded PaymentIntent, then emits payment_intent.succeeded and checkout.session.completed", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok",
      line_items: [{ price: shirt.id, quantity: 2 }],
      payment_intent_data: { metadata: { order_id: "o_42" } },
    });
    const paid = await h.control<{ status: string; redirect_url: string }>("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa" });
    expect(paid.status).toBe(200);
    expect(paid.json.redirect_url).toBe("http://shop.test/ok");
    const done = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ["payment_intent.latest_charge"] });
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    expect(done.url).toBeNull();
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe("succeeded");
    expect(pi.amount).toBe(3000);
    expect(pi.metadata).toEqual({ order_id: "o_42" });
    expect((pi.latest_charge as Stripe.Charge).amount_captured).toBe(3000);
    expect(done.customer_details?.email).toBeNull();

    const events = await h.stripe.events.list({ limit: 100 });
    const types = events.data
      .filter((e) => [s.id, pi.id].includes((e.data.object as { id: string }).id))
      .map((e) => e.type)
      .reverse();
    expect(types).toEqual(["payment_intent.created", "payment_intent.succeeded", "checkout.session.completed"]);
    await waitFor(() => eventsFor(s.id).includes("checkout.session.completed"));
    const listed = await h.stripe.checkout.sessions.list({ payment_intent: pi.id });
    expect(listed.data.map((x) => x.id)).toEqual([s.id]);
  });

  it("paying a subscription-mode session creates a customer and a subscription", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      success_url: "http://shop.test/ok",
      customer_email: "member@example.com",
      line_items: [{ price: monthly.id, quantity: 1 }],
      subscription_data: { metadata: { plan: "club" } },
    });
    expect(s.amount_total).toBe(900);
    const paid = await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa" });
    expect(paid.status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(done.status).toBe("complete");
    expect(done.subscription).toMatch(/^sub_/);
    expect(done.customer).toMatch(/^cus_/);
    const sub = await h.stripe.subscriptions.retrieve(done.subscription as string);
    expect(sub.status).toBe("active");
    expect(sub.metadata).toEqual({ plan: "club" });
    expect(sub.items.data[0]?.price.id).toBe(monthly.id);
    await waitFor(() => eventsFor(sub.id).includes("customer.subscription.created"));
    await waitFor(() => eventsFor(s.id).includes("checkout.session.completed"));
  });

  it("expire: open → expired with checkout.session.expired; expiring again is a 400", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok",
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    const expired = await h.stripe.checkout.sessions.expire(s.id);
    expect(expired.status).toBe("expired");
    expect(expired.url).toBeNull();
    await waitFor(() => eventsFor(s.id).includes("checkout.session.expired"));
    const again = await rejection(h.stripe.checkout.sessions.expire(s.id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again.statusCode).toBe(400);
  });

  it("advancing the clock past expires_at expires the session and emits checkout.session.expired", async () => {
    const now = (await h.control<{ now: number }>("/_emulator/clock")).json.now;
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok",
      expires_at: now + 31 * 60,
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    const other = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok",
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    await h.control("/_emulator/clock/advance", { seconds: 30 * 60 });
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe("open");
    const advanced = await h.control<{ now: number }>("/_emulator/clock/advance", { seconds: 2 * 60 });
    expect(advanced.json.now).toBeGreaterThanOrEqual(now + 32 * 60);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe("expired");
    expect((await h.stripe.checkout.sessions.retrieve(other.id)).status).toBe("open");
    const hook = await waitFor(() =>
      h.receiver!.received.find((r) => r.event.type === "checkout.session.expired" && (r.event.data.object as { id: string }).id === s.id),
    );
    expect((hook.event.data.object as Stripe.Checkout.Session).status).toBe("expired");
    const listed = await h.stripe.events.list({ type: "checkout.session.expired" });
    expect(listed.data.some((e) => (e.data.object as { id: string }).id === s.id)).toBe(true);
    const pay = await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa" });
    expect(pay.status).toBe(400);
  });
});
