import { describe, expect, it } from "vitest";
import { closeUnpaidOrder } from "@/lib/orders/close";
import { refreshFromStripe } from "@/lib/orders/refresh";
import { createProduct, stockOf } from "../../helpers/fixtures";
import { eventually, injectFault, settlePayments } from "../../helpers/stripe-stack";
import { stripeAndAuthStacks } from "../../helpers/stacks";
import { orderById, orderEvents } from "../../helpers/orders";
import { hostedCheckout, intentIdOf, paymentIntentCheckout } from "./helpers";
import { SHIP_TO } from "../../helpers/shipping";

const stacks = stripeAndAuthStacks();

const processing = (id: string) => eventually(async () => (await orderById(id)).payment_processing);

describe("Checkout Session paid by bank debit", () => {
  it("stays pending with its units while the debit settles, is never closed meanwhile, then is paid once", async () => {
    const { order, sessionId, product } = await hostedCheckout({ stock: 5, quantity: 2 });
    await stacks.stripe.control("/_emulator/pay", { id: sessionId, payment_method: "pm_delayed_succeeds", ...SHIP_TO });
    await processing(order.id);
    expect((await orderById(order.id)).status).toBe("pending");
    expect(await stockOf(product.variantId)).toBe(3);

    // The reservation runs out while the debit is still processing: closing it is refused.
    expect(await closeUnpaidOrder(order.id, "reservation expired")).toBe("processing");
    expect((await orderById(order.id)).status).toBe("pending");
    expect(await stockOf(product.variantId)).toBe(3);

    await settlePayments(stacks.stripe, { id: sessionId });
    await eventually(async () => (await orderById(order.id)).status === "paid");
    expect((await orderById(order.id)).payment_processing).toBe(false);
    expect(await stockOf(product.variantId)).toBe(3);
    expect((await orderEvents(order.id)).filter((e) => e.type === "status_changed").map((e) => e.to_status)).toEqual(["paid"]);
  });

  it("a failed debit cancels the order and gives its units back, without trying to cancel the session's PaymentIntent", async () => {
    const { order, sessionId, product } = await hostedCheckout({ stock: 5, quantity: 2 });
    // Any cancel of a PaymentIntent would consume this fault: it must still be there at the end.
    await injectFault(stacks.stripe, { operation: "payment_intents.cancel", count: 1, error: { status: 500, type: "api_error", message: "no cancel expected" } });
    await stacks.stripe.control("/_emulator/pay", { id: sessionId, payment_method: "pm_delayed_fails", ...SHIP_TO });
    await processing(order.id);
    expect(await stockOf(product.variantId)).toBe(3);
    await settlePayments(stacks.stripe, { id: sessionId });
    await eventually(async () => (await orderById(order.id)).status === "canceled");
    expect(await stockOf(product.variantId)).toBe(5);
    const faults = await stacks.stripe.control<{ data: { operation: string }[] }>("/_emulator/faults");
    expect(faults.data.map((f) => f.operation)).toContain("payment_intents.cancel");
    const session = await stacks.stripe.stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] });
    expect((session.payment_intent as { status: string }).status).toBe("requires_payment_method");
    await fetch(`${stacks.stripe.url}/_emulator/faults`, { method: "DELETE" });
  });

  it("a missed async webhook is healed from Stripe's own objects: a failed debit closes the order", async () => {
    const { order, sessionId, product } = await hostedCheckout({ stock: 4, quantity: 1 });
    await stacks.stripe.control("/_emulator/pay", { id: sessionId, payment_method: "pm_delayed_fails", ...SHIP_TO });
    await processing(order.id);
    await stacks.stripe.control("/_emulator/webhooks", { paused: true });
    try {
      await settlePayments(stacks.stripe, { id: sessionId });
      // The completed session and its failed PaymentIntent say the order can never be paid.
      await refreshFromStripe(await orderById(order.id), "test");
      expect((await orderById(order.id)).status).toBe("canceled");
      expect(await stockOf(product.variantId)).toBe(4);
    } finally {
      await stacks.stripe.control("/_emulator/webhooks", { paused: false });
    }
  });
});

describe("PaymentIntent paid by bank debit", () => {
  it("processing keeps the order pending; success pays it", async () => {
    const product = await createProduct({ stock: 5 });
    const user = await stacks.auth.newUser();
    const res = await paymentIntentCheckout(user.token, product, 1);
    const pi = intentIdOf(res.body.clientSecret);
    await stacks.stripe.control("/_emulator/pay", { id: pi, payment_method: "pm_delayed_succeeds", ...SHIP_TO });
    await processing(res.body.orderId);
    expect((await orderById(res.body.orderId)).status).toBe("pending");
    await settlePayments(stacks.stripe, { id: pi });
    await eventually(async () => (await orderById(res.body.orderId)).status === "paid");
    expect(await stockOf(product.variantId)).toBe(4);
  });

  it("a failed debit marks the order failed; it keeps its units and can be paid again", async () => {
    const product = await createProduct({ stock: 5 });
    const user = await stacks.auth.newUser();
    const res = await paymentIntentCheckout(user.token, product, 2);
    const pi = intentIdOf(res.body.clientSecret);
    await stacks.stripe.control("/_emulator/pay", { id: pi, payment_method: "pm_delayed_fails", ...SHIP_TO });
    await processing(res.body.orderId);
    await settlePayments(stacks.stripe, { id: pi });
    await eventually(async () => (await orderById(res.body.orderId)).status === "failed");
    const failed = await orderById(res.body.orderId);
    expect(failed.payment_processing).toBe(false);
    expect(await stockOf(product.variantId)).toBe(3);
    await stacks.stripe.control("/_emulator/pay", { id: pi, payment_method: "pm_card_visa", ...SHIP_TO });
    await eventually(async () => (await orderById(res.body.orderId)).status === "paid");
  });
});
