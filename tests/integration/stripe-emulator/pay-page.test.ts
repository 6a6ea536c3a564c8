import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrice, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let shirt: Stripe.Price;
let mug: Stripe.Price;
beforeAll(async () => {
  h = await startHarness({ webhooks: true });
  shirt = await createPrice(h.stripe, 1500, { name: "Shirt <Blue>" });
  mug = await createPrice(h.stripe, 800, { name: "Mug" });
});
afterAll(async () => {
  await h.close();
});

function hostedSession(): Promise<Stripe.Checkout.Session> {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: "http://shop.test/thanks?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://shop.test/cart",
    line_items: [
      { price: shirt.id, quantity: 2 },
      { price: mug.id, quantity: 1 },
    ],
    payment_intent_data: { metadata: { order_id: "o_7" } },
  });
}

const postPay = (id: string, form: Record<string, string>) =>
  fetch(`${h.emulator.url}/pay/${id}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });

const typesFor = (id: string) =>
  h.receiver!.received.filter((r) => (r.event.data.object as { id: string }).id === id).map((r) => r.event.type);

describe("pay page", () => {
  it("GET renders an accessible page with the lines, the total, the test cards and a Pay button", async () => {
    const s = await hostedSession();
    const res = await fetch(s.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]*\$38\.00[^<]*<\/title>/);
    expect(html).toMatch(/<h1>Checkout<\/h1>/);
    expect(html).toContain("<caption>Order summary</caption>");
    expect(html).toContain("<td>Shirt &lt;Blue&gt;</td><td class=\"num\">2</td><td class=\"num\">$15.00</td>");
    expect(html).toContain("<td>Mug</td><td class=\"num\">1</td><td class=\"num\">$8.00</td>");
    expect(html).toMatch(/Total<\/th><td class="num"><strong>\$38\.00<\/strong>/);
    // The total's figure appears once in the body, so a page can be searched for it.
    expect(html.split("<body>")[1]?.match(/\$38\.00/g)).toHaveLength(1);
    expect(html).toMatch(/<legend>Test payment method<\/legend>/);
    for (const label of ["Visa (succeeds)", "Declined card", "Insufficient funds"]) {
      expect(html).toMatch(new RegExp(`<input type="radio" id="(pm-\\d)" name="payment_method" value="pm_card_\\w+"[^>]*> <label for="\\1">${label.replace(/[()]/g, "\\$&")}</label>`));
    }
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain('href="http://shop.test/cart"');
  });

  it("POST with the visa card completes the session and 303-redirects to success_url with its id", async () => {
    const s = await hostedSession();
    const res = await postPay(s.id, { payment_method: "pm_card_visa" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://shop.test/thanks?session_id=${s.id}`);
    const done = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(done.status).toBe("complete");
    expect(done.payment_status).toBe("paid");
    const pi = await h.stripe.paymentIntents.retrieve(done.payment_intent as string);
    expect(pi.status).toBe("succeeded");
    expect(pi.metadata).toEqual({ order_id: "o_7" });
    await waitFor(() => typesFor(s.id).includes("checkout.session.completed"));
    expect(typesFor(pi.id)).toContain("payment_intent.succeeded");

    const again = await postPay(s.id, { payment_method: "pm_card_visa" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('role="alert"');
  });

  it("a declined card re-renders the page with the error (402), leaves the session open and emits only payment_intent.payment_failed", async () => {
    const s = await hostedSession();
    const res = await postPay(s.id, { payment_method: "pm_card_chargeDeclined" });
    expect(res.status).toBe(402);
    const html = await res.text();
    expect(html).toContain('<p role="alert" class="error">Your card was declined.</p>');
    expect(html).toMatch(/value="pm_card_chargeDeclined" checked/);
    const after = await h.stripe.checkout.sessions.retrieve(s.id);
    expect(after.status).toBe("open");
    expect(after.payment_status).toBe("unpaid");
    expect(after.payment_intent).toBeNull();
    const failed = await waitFor(() => h.receiver!.received.find((r) => r.event.type === "payment_intent.payment_failed"));
    const pi = failed.event.data.object as Stripe.PaymentIntent;
    expect(pi.metadata).toEqual({ order_id: "o_7" });
    await h.control("/_emulator/webhooks/drain", {});
    expect(typesFor(s.id)).toEqual([]);

    const insufficient = await postPay(s.id, { payment_method: "pm_card_chargeDeclinedInsufficientFunds" });
    expect(insufficient.status).toBe(402);
    expect(await insufficient.text()).toContain("Your card has insufficient funds.");

    // The next attempt reuses the same PaymentIntent and succeeds.
    const ok = await postPay(s.id, { payment_method: "pm_card_visa" });
    expect(ok.status).toBe(303);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).payment_intent).toBe(pi.id);
  });

  it("an expired session cannot be paid (400 page)", async () => {
    const s = await hostedSession();
    await h.stripe.checkout.sessions.expire(s.id);
    const get = await fetch(`${h.emulator.url}/pay/${s.id}`);
    expect(get.status).toBe(400);
    const post = await postPay(s.id, { payment_method: "pm_card_visa" });
    expect(post.status).toBe(400);
    expect(await post.text()).toContain("expired");
    expect((await fetch(`${h.emulator.url}/pay/cs_test_unknown`)).status).toBe(404);
  });

  it("an elements session redirects to its return_url", async () => {
    const s = await h.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "elements",
      return_url: "http://shop.test/checkout/{CHECKOUT_SESSION_ID}/done",
      line_items: [{ price: mug.id, quantity: 1 }],
    });
    const res = await postPay(s.id, { payment_method: "pm_card_mastercard" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://shop.test/checkout/${s.id}/done`);
  });

  it("a PaymentIntent page redirects to return_url with payment_intent, client secret and redirect_status", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 2300, currency: "usd", description: "Order 12" });
    const page = await fetch(`${h.emulator.url}/pay/${pi.id}?return_url=${encodeURIComponent("http://shop.test/orders/12?x=1")}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<td>Order 12</td>");
    expect(html.split("<body>")[1]?.match(/\$23\.00/g)).toHaveLength(1);
    expect(html).toContain('name="return_url" value="http://shop.test/orders/12?x=1"');

    const declined = await postPay(pi.id, { payment_method: "pm_card_chargeDeclined", return_url: "http://shop.test/orders/12?x=1" });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('role="alert"');

    const res = await postPay(pi.id, { payment_method: "pm_card_visa", return_url: "http://shop.test/orders/12?x=1" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://shop.test/orders/12");
    expect(location.searchParams.get("x")).toBe("1");
    expect(location.searchParams.get("payment_intent")).toBe(pi.id);
    expect(location.searchParams.get("payment_intent_client_secret")).toBe(pi.client_secret);
    expect(location.searchParams.get("redirect_status")).toBe("succeeded");
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
  });

  it("a PaymentIntent without return_url on the page uses the one given at confirm time; relative ones resolve against the Referer", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const page = await fetch(`${h.emulator.url}/pay/${pi.id}?return_url=%2Forders%2F5`, { headers: { referer: "http://shop.test:3000/checkout" } });
    expect(await page.text()).toContain('name="return_url" value="http://shop.test:3000/orders/5"');

    const other = await h.stripe.paymentIntents.create({ amount: 1000, currency: "usd", return_url: "http://shop.test/stored" });
    const res = await postPay(other.id, { payment_method: "pm_card_visa" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^http:\/\/shop\.test\/stored\?payment_intent=pi_/);
  });
});
