import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrice, rejection, startHarness, type Harness } from "./harness";

/** Seed 003: updating a Checkout Session's line items, metadata and shipping options. */
let h: Harness;
let shirt: Stripe.Price; // 1500
let mug: Stripe.Price; // 800
let hat: Stripe.Price; // 1200
let session: Stripe.Checkout.Session;
let lineA: Stripe.LineItem; // shirt × 2
let lineB: Stripe.LineItem; // mug × 1

beforeAll(async () => {
  h = await startHarness();
  shirt = await createPrice(h.stripe, 1500, { name: "Shirt" });
  mug = await createPrice(h.stripe, 800, { name: "Mug" });
  hat = await createPrice(h.stripe, 1200, { name: "Hat" });
});
afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  session = await h.stripe.checkout.sessions.create({
    mode: "payment",
    ui_mode: "elements",
    return_url: "http://shop.test/return?session_id={CHECKOUT_SESSION_ID}",
    line_items: [
      { price: shirt.id, quantity: 2, metadata: { sku: "S-1", gift: "yes" } },
      { price: mug.id, quantity: 1 },
    ],
    metadata: { cart: "c1", version: "1" },
  });
  const lines = await h.stripe.checkout.sessions.listLineItems(session.id);
  [lineA, lineB] = lines.data as [Stripe.LineItem, Stripe.LineItem];
  expect(session.amount_total).toBe(3800);
});

async function lines(id = session.id) {
  return (await h.stripe.checkout.sessions.listLineItems(id, { limit: 100 })).data;
}

describe("Checkout Session update (seed 003)", () => {
  it("keeps lines retransmitted by id, unchanged", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineA.id }, { id: lineB.id }] });
    const after = await lines();
    expect(after.map((l) => [l.id, l.quantity])).toEqual([
      [lineA.id, 2],
      [lineB.id, 1],
    ]);
    expect(after[0]?.metadata).toEqual({ sku: "S-1", gift: "yes" });
    expect(updated.amount_total).toBe(3800);
  });

  it("changes the quantity of a line given by id and recomputes the amounts", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, {
      line_items: [{ id: lineA.id, quantity: 5 }, { id: lineB.id }],
    });
    const after = await lines();
    expect(after.map((l) => [l.id, l.quantity, l.amount_subtotal, l.amount_total])).toEqual([
      [lineA.id, 5, 7500, 7500],
      [lineB.id, 1, 800, 800],
    ]);
    expect(updated.amount_subtotal).toBe(8300);
    expect(updated.amount_total).toBe(8300);
  });

  it("adds a line by price (new li_ id, full price object)", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, {
      line_items: [{ id: lineA.id }, { id: lineB.id }, { price: hat.id, quantity: 2 }],
    });
    const after = await lines();
    expect(after).toHaveLength(3);
    const added = after[2]!;
    expect(added.id).toMatch(/^li_/);
    expect([lineA.id, lineB.id]).not.toContain(added.id);
    expect(added.object).toBe("item");
    expect(added.price?.id).toBe(hat.id);
    expect(added.price?.unit_amount).toBe(1200);
    expect(added.description).toBe("Hat");
    expect(added.quantity).toBe(2);
    expect(updated.amount_total).toBe(3800 + 2400);
  });

  it("adds a line by price_data with product_data", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, {
      line_items: [
        { id: lineA.id },
        { id: lineB.id },
        { price_data: { currency: "usd", unit_amount: 450, product_data: { name: "Gift wrap" } }, quantity: 3 },
      ],
    });
    const added = (await lines())[2]!;
    expect(added.description).toBe("Gift wrap");
    expect(added.price?.unit_amount).toBe(450);
    expect(added.price?.id).toMatch(/^price_/);
    expect(added.amount_total).toBe(1350);
    expect(updated.amount_total).toBe(3800 + 1350);
  });

  it("removes lines whose ids are omitted", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineB.id }] });
    expect((await lines()).map((l) => l.id)).toEqual([lineB.id]);
    expect(updated.amount_total).toBe(800);
  });

  it("reorders lines to the order of the retransmitted array", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, {
      line_items: [{ price: hat.id, quantity: 1 }, { id: lineB.id }, { id: lineA.id, quantity: 1 }],
    });
    const after = await lines();
    expect(after.map((l) => l.price?.id)).toEqual([hat.id, mug.id, shirt.id]);
    expect(after[1]?.id).toBe(lineB.id);
    expect(after[2]?.id).toBe(lineA.id);
    expect(updated.amount_total).toBe(1200 + 800 + 1500);
  });

  it("unsets metadata keys with empty values, and all metadata with metadata=''", async () => {
    const one = await h.stripe.checkout.sessions.update(session.id, { metadata: { version: "", note: "hi" } });
    expect(one.metadata).toEqual({ cart: "c1", note: "hi" });
    const all = await h.stripe.checkout.sessions.update(session.id, { metadata: "" });
    expect(all.metadata).toEqual({});

    await h.stripe.checkout.sessions.update(session.id, {
      line_items: [{ id: lineA.id, metadata: { gift: "" } }, { id: lineB.id, metadata: { color: "blue" } }],
    });
    const after = await lines();
    expect(after[0]?.metadata).toEqual({ sku: "S-1" });
    expect(after[1]?.metadata).toEqual({ color: "blue" });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(3800);
  });

  it("updates adjustable_quantity of an existing line", async () => {
    await h.stripe.checkout.sessions.update(session.id, {
      line_items: [{ id: lineA.id, adjustable_quantity: { enabled: true, minimum: 1, maximum: 5 } }, { id: lineB.id }],
    });
    expect((await lines())[0]?.adjustable_quantity).toEqual({ enabled: true, minimum: 1, maximum: 5 });
    const err = await rejection(h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineA.id, quantity: 6 }, { id: lineB.id }] }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe("line_items[0][quantity]");
  });

  it("replaces shipping options and includes the selected one in amount_total", async () => {
    const updated = await h.stripe.checkout.sessions.update(session.id, {
      shipping_options: [
        { shipping_rate_data: { display_name: "Express", type: "fixed_amount", fixed_amount: { amount: 900, currency: "usd" } } },
      ],
    });
    expect(updated.shipping_options).toHaveLength(1);
    expect(updated.shipping_options[0]?.shipping_amount).toBe(900);
    expect(updated.shipping_cost?.amount_total).toBe(900);
    expect(updated.amount_subtotal).toBe(3800);
    expect(updated.amount_total).toBe(4700);
    const again = await h.stripe.checkout.sessions.update(session.id, {
      shipping_options: [
        { shipping_rate_data: { display_name: "Standard", type: "fixed_amount", fixed_amount: { amount: 300, currency: "usd" } } },
      ],
    });
    expect(again.amount_total).toBe(4100);
  });

  it("rejects an unknown line item id with its param and changes nothing", async () => {
    const err = await rejection(
      h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: "li_doesnotexist", quantity: 1 }, { id: lineB.id }] }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe("line_items[0][id]");
    expect((await lines()).map((l) => l.id)).toEqual([lineA.id, lineB.id]);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(3800);
  });

  it("rejects updates of a session that is not open", async () => {
    await h.stripe.checkout.sessions.expire(session.id);
    const err = await rejection(h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineA.id, quantity: 9 }] }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.type).toBe("StripeInvalidRequestError");
    expect(err.rawType).toBe("invalid_request_error");
    expect(err.statusCode).toBe(400);
    const metaErr = await rejection(h.stripe.checkout.sessions.update(session.id, { metadata: { a: "b" } }));
    expect(metaErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await lines()).map((l) => l.quantity)).toEqual([2, 1]);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(3800);

    const paid = await h.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "elements",
      return_url: "http://shop.test/r",
      line_items: [{ price: mug.id, quantity: 1 }],
    });
    const pay = await h.control("/_emulator/pay", { id: paid.id, payment_method: "pm_card_visa" });
    expect(pay.status).toBe(200);
    const completeErr = await rejection(h.stripe.checkout.sessions.update(paid.id, { line_items: [{ price: hat.id, quantity: 1 }] }));
    expect(completeErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("rejects line item updates on hosted_page and embedded_page sessions", async () => {
    const hosted = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://shop.test/ok",
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    expect(hosted.ui_mode).toBe("hosted_page");
    const hostedLine = (await lines(hosted.id))[0]!;
    const err = await rejection(
      h.stripe.checkout.sessions.update(hosted.id, { line_items: [{ id: hostedLine.id, quantity: 4 }] }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe("line_items");
    expect((await lines(hosted.id)).map((l) => l.quantity)).toEqual([1]);
    expect((await h.stripe.checkout.sessions.retrieve(hosted.id)).amount_total).toBe(1500);
    // Metadata may still be updated on a hosted session.
    expect((await h.stripe.checkout.sessions.update(hosted.id, { metadata: { k: "v" } })).metadata).toEqual({ k: "v" });

    const embedded = await h.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "embedded_page",
      return_url: "http://shop.test/r",
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    const embeddedErr = await rejection(h.stripe.checkout.sessions.update(embedded.id, { line_items: [{ price: mug.id, quantity: 1 }] }));
    expect(embeddedErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const form = await h.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "form",
      return_url: "http://shop.test/r",
      line_items: [{ price: shirt.id, quantity: 1 }],
    });
    const formUpdated = await h.stripe.checkout.sessions.update(form.id, { line_items: [{ price: mug.id, quantity: 2 }] });
    expect(formUpdated.amount_total).toBe(1600);
  });

  it("rejects more than 100 line items and keeps the old ones", async () => {
    const many = Array.from({ length: 101 }, () => ({ price: mug.id, quantity: 1 }));
    const err = await rejection(h.stripe.checkout.sessions.update(session.id, { line_items: many }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.param).toBe("line_items");
    expect((await lines()).map((l) => l.id)).toEqual([lineA.id, lineB.id]);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(3800);

    const hundred = Array.from({ length: 100 }, () => ({ price: mug.id, quantity: 1 }));
    const ok = await h.stripe.checkout.sessions.update(session.id, { line_items: hundred });
    expect(ok.amount_total).toBe(80000);
    expect(await lines()).toHaveLength(100);
  });

  it("rejects a new line without quantity, or in another currency", async () => {
    const noQty = await rejection(h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineA.id }, { price: hat.id }] }));
    expect(noQty.code).toBe("parameter_missing");
    expect(noQty.param).toBe("line_items[1][quantity]");
    const eur = await createPrice(h.stripe, 500, { currency: "eur" });
    const currencyErr = await rejection(
      h.stripe.checkout.sessions.update(session.id, { line_items: [{ id: lineA.id }, { price: eur.id, quantity: 1 }] }),
    );
    expect(currencyErr).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await lines()).map((l) => l.id)).toEqual([lineA.id, lineB.id]);
  });
});
