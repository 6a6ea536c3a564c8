import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrice, rejection, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let mug: Stripe.Price;
let plan: Stripe.Price;
beforeAll(async () => {
  h = await startHarness({ webhooks: true });
  mug = await createPrice(h.stripe, 2400, { name: "Mug", currency: "eur" });
  plan = await createPrice(h.stripe, 1600, { name: "Plan", currency: "eur", recurring: { interval: "month" } });
});
afterAll(() => h.close());

const ADDRESS = { name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" } };
const rate = (name: string, amount: number): Stripe.Checkout.SessionCreateParams.ShippingOption => ({
  shipping_rate_data: { type: "fixed_amount", display_name: name, fixed_amount: { amount, currency: "eur" } },
});

function shippingSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: "http://shop.test/orders/1?session_id={CHECKOUT_SESSION_ID}",
    line_items: [{ price: mug.id, quantity: 1 }],
    billing_address_collection: "required",
    shipping_address_collection: { allowed_countries: ["FR", "DE"] },
    shipping_options: [rate("Standard", 0), rate("Express", 950)],
    ...extra,
  } as Stripe.Checkout.SessionCreateParams);
}

describe("Checkout Session address parameters", () => {
  it("accepts and echoes shipping_address_collection, billing_address_collection and shipping_options", async () => {
    const s = await shippingSession();
    expect(s.billing_address_collection).toBe("required");
    expect(s.shipping_address_collection).toEqual({ allowed_countries: ["FR", "DE"] });
    expect(s.shipping_options.map((o) => o.shipping_amount)).toEqual([0, 950]);
    expect(s.shipping_cost).toMatchObject({ amount_total: 0 });
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).shipping_address_collection).toEqual({ allowed_countries: ["FR", "DE"] });
    const plain = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://shop.test/ok", line_items: [{ price: mug.id, quantity: 1 }] });
    expect([plain.billing_address_collection, plain.shipping_address_collection, plain.permissions]).toEqual([null, null, null]);
  });

  it("refuses bad address parameters with Stripe-shaped errors", async () => {
    const badCountry = await rejection(shippingSession({ shipping_address_collection: { allowed_countries: ["fr" as never] } }));
    expect([badCountry.statusCode, badCountry.param]).toEqual([400, "shipping_address_collection[allowed_countries][0]"]);
    // Well-formed but not a country Stripe ships to (stripe-node AllowedCountry): refused too, naming the entry.
    for (const country of ["CU", "XX"]) {
      const err = await rejection(shippingSession({ shipping_address_collection: { allowed_countries: ["FR", country as never] } }));
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.raw).toMatchObject({ type: "invalid_request_error", param: "shipping_address_collection[allowed_countries][1]" });
      expect(err.message).toMatch(/^Invalid shipping_address_collection\[allowed_countries\]\[1\]: must be one of AC, AD, .*, or ZZ$/);
    }
    const subscription = await rejection(
      h.stripe.checkout.sessions.create({ mode: "subscription", success_url: "http://shop.test/ok", line_items: [{ price: plan.id, quantity: 1 }], shipping_options: [rate("Standard", 0)] }),
    );
    expect(subscription.message).toMatch(/only be used in `payment` mode/);
    const hostedPermissions = await rejection(shippingSession({ permissions: { update_shipping_details: "server_only" } }));
    expect(hostedPermissions.param).toBe("permissions");
  });
});

describe("POST /_emulator/pay with an address", () => {
  it("refuses a missing address and a country outside allowed_countries (400), charging nothing", async () => {
    const s = await shippingSession();
    const missing = await h.control<{ error: { message: string; code: string } }>("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa" });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toBe("This Checkout Session collects a shipping address: provide shipping_details {name, address}.");
    const japan = await h.control<{ error: { message: string; code: string } }>("/_emulator/pay", {
      id: s.id,
      payment_method: "pm_card_visa",
      shipping_details: { ...ADDRESS, address: { ...ADDRESS.address, country: "JP" } },
    });
    expect(japan.status).toBe(400);
    expect(japan.json.error).toMatchObject({ code: "shipping_address_invalid", message: "This Checkout Session does not ship to JP. Allowed countries: FR, DE." });
    const incomplete = await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa", shipping_details: { name: "Ada", address: { line1: "x", country: "FR" } } });
    expect(incomplete.status).toBe(400);
    const after = await h.stripe.checkout.sessions.retrieve(s.id);
    expect([after.status, after.payment_intent]).toEqual(["open", null]);
  });

  it("a chosen rate sets shipping_cost, total_details.amount_shipping and amount_total; the completed session carries the address", async () => {
    const s = await shippingSession();
    const express = s.shipping_options[1]!.shipping_rate as string;
    const paid = await h.control<{ object: Stripe.Checkout.Session }>("/_emulator/pay", {
      id: s.id,
      payment_method: "pm_card_visa",
      shipping_details: ADDRESS,
      email: "ada@example.com",
      shipping_rate: express,
    });
    expect(paid.status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(done).toMatchObject({
      status: "complete",
      amount_total: 2400 + 950,
      total_details: { amount_shipping: 950 },
      shipping_cost: { amount_total: 950, shipping_rate: express },
      collected_information: { shipping_details: { name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", line2: null, city: "Paris", postal_code: "75002", state: null, country: "FR" } } },
      customer_details: { email: "ada@example.com", name: "Ada Lovelace", address: { country: "FR", city: "Paris" } },
    });
    const pi = await h.stripe.paymentIntents.retrieve(done.payment_intent as string);
    expect(pi.amount_received).toBe(3350);
    const event = await waitFor(() => h.receiver!.received.find((r) => r.event.type === "checkout.session.completed" && (r.event.data.object as { id: string }).id === s.id));
    expect((event.event.data.object as Stripe.Checkout.Session).collected_information?.shipping_details?.address.country).toBe("FR");
  });

  it("an unknown shipping_rate is refused", async () => {
    const s = await shippingSession();
    const res = await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa", shipping_details: ADDRESS, shipping_rate: "shr_nope" });
    expect(res.status).toBe(400);
  });

  it("a session that collects no address ignores shipping_details and email", async () => {
    const s = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://shop.test/ok", line_items: [{ price: mug.id, quantity: 1 }] });
    expect((await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa", shipping_details: { ...ADDRESS, address: { ...ADDRESS.address, country: "JP" } }, email: "x@example.com" })).status).toBe(200);
    const done = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(done.collected_information).toBeNull();
    expect(done.customer_details).toMatchObject({ address: null, name: null, email: null });
  });

  it("an address the server set (elements, server_only) is enough to pay", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "elements",
      return_url: "http://shop.test/orders/1",
      line_items: [{ price: mug.id, quantity: 1 }],
      shipping_address_collection: { allowed_countries: ["FR"] },
      permissions: { update_shipping_details: "server_only" },
    } as Stripe.Checkout.SessionCreateParams);
    expect(s.permissions).toEqual({ update_shipping_details: "server_only" });
    await h.stripe.checkout.sessions.update(s.id, { collected_information: { shipping_details: ADDRESS } });
    expect((await h.control("/_emulator/pay", { id: s.id, payment_method: "pm_card_visa" })).status).toBe(200);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).collected_information?.shipping_details?.name).toBe("Ada Lovelace");
  });

  it("collected_information is refused on a hosted_page or form session (embedded_page and elements only)", async () => {
    for (const ui of [{}, { ui_mode: "form" as const, return_url: "http://shop.test/orders/1" }]) {
      const s = await h.stripe.checkout.sessions.create({
        mode: "payment",
        ...(ui.ui_mode ? ui : { success_url: "http://shop.test/ok" }),
        line_items: [{ price: mug.id, quantity: 1 }],
        shipping_address_collection: { allowed_countries: ["FR"] },
      });
      const err = await rejection(h.stripe.checkout.sessions.update(s.id, { collected_information: { shipping_details: ADDRESS } }));
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.raw).toMatchObject({ type: "invalid_request_error", param: "collected_information" });
      expect((await h.stripe.checkout.sessions.retrieve(s.id)).collected_information).toBeNull();
    }
  });
});

describe("the pay page", () => {
  const postPay = (id: string, form: Record<string, string>) =>
    fetch(`${h.emulator.url}/pay/${id}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });

  it("asks for an address when the session collects one, refuses another country with a clear message, then pays", async () => {
    const s = await shippingSession();
    const page = await (await fetch(`${h.emulator.url}/pay/${s.id}`)).text();
    expect(page).toContain("<legend>Shipping address</legend>");
    expect(page).toContain("Ships to: FR, DE.");
    expect(page).toContain("<legend>Shipping method</legend>");
    const fields = { payment_method: "pm_card_visa", name: "Ada Lovelace", line1: "1 Main St", city: "Tokyo", postal_code: "100-0001" };
    const refused = await postPay(s.id, { ...fields, country: "JP" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("This Checkout Session does not ship to JP. Allowed countries: FR, DE.");
    expect(html).toContain('value="Ada Lovelace"');
    const ok = await postPay(s.id, { ...fields, city: "Paris", postal_code: "75002", country: "FR", shipping_rate: s.shipping_options[1]!.shipping_rate as string });
    expect(ok.status).toBe(303);
    expect(await h.stripe.checkout.sessions.retrieve(s.id)).toMatchObject({ amount_total: 3350, collected_information: { shipping_details: { address: { city: "Paris" } } } });
  });

  it("does not ask for an address when the session collects none", async () => {
    const s = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://shop.test/ok", line_items: [{ price: mug.id, quantity: 1 }] });
    expect(await (await fetch(`${h.emulator.url}/pay/${s.id}`)).text()).not.toContain("Shipping address");
  });
});

describe("PaymentIntent shipping", () => {
  it("accepts shipping on create and update, and clears it with an empty value", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", shipping: ADDRESS });
    expect(pi.shipping).toMatchObject({ name: "Ada Lovelace", address: { line1: "12 Rue de la Paix", country: "FR", line2: null }, carrier: null });
    const updated = await h.stripe.paymentIntents.update(pi.id, { shipping: { name: "Grace Hopper", address: { line1: "1 Navy Way", city: "Arlington", postal_code: "22201", state: "VA", country: "US" } } });
    expect(updated.shipping).toMatchObject({ name: "Grace Hopper", address: { state: "VA", country: "US" } });
    const cleared = await h.stripe.paymentIntents.update(pi.id, { shipping: "" });
    expect(cleared.shipping).toBeNull();
    const missing = await rejection(h.stripe.paymentIntents.create({ amount: 1000, currency: "eur", shipping: { name: "x" } as never }));
    expect(missing.param).toBe("shipping[address]");
  });
});
