import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { harnessSuite, rejection } from "./harness";

const h = harnessSuite();

describe("shipping_rate_data[delivery_estimate] (stripe-node ShippingRateData.DeliveryEstimate)", () => {
  const withEstimate = (value: number) =>
    h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "https://shop.test/ok",
      line_items: [{ price_data: { currency: "eur", unit_amount: 1000, product_data: { name: "Mug" } }, quantity: 1 }],
      shipping_address_collection: { allowed_countries: ["FR"] },
      shipping_options: [
        {
          shipping_rate_data: {
            type: "fixed_amount",
            display_name: "Standard",
            fixed_amount: { amount: 500, currency: "eur" },
            delivery_estimate: { minimum: { unit: "business_day", value }, maximum: { unit: "business_day", value: 5 } },
          },
        },
      ],
    });

  it("is kept on the Shipping Rate, and a value that is not greater than 0 is refused", async () => {
    const s = await withEstimate(3);
    const rate = await h.stripe.shippingRates.retrieve(s.shipping_options[0]!.shipping_rate as string);
    expect(rate.delivery_estimate).toEqual({ minimum: { unit: "business_day", value: 3 }, maximum: { unit: "business_day", value: 5 } });
    const err = await rejection(withEstimate(0));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.raw).toMatchObject({ code: "parameter_invalid_integer", param: "shipping_options[0][shipping_rate_data][delivery_estimate][minimum][value]" });
  });
});
