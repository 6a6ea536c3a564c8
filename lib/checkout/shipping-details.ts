import { z } from "zod";
import { countryCode } from "./countries";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z.string().trim().max(max).optional().nullable().transform((v) => (v ? v : null));

/**
 * A recipient and address as Stripe takes them (stripe-node Checkout.SessionUpdateParams.CollectedInformation.ShippingDetails,
 * PaymentIntentUpdateParams.Shipping): name, line1 and country required by Stripe; the shop also needs city and postal code.
 */
export const shippingDetailsSchema = z.object({
  name: text(255),
  address: z.object({
    line1: text(200),
    line2: optionalText(200),
    city: text(100),
    postal_code: text(20),
    state: optionalText(100),
    country: countryCode,
  }),
});
export type ShippingDetails = z.infer<typeof shippingDetailsSchema>;

/** The sentence a shopper sees when their country is not one the order ships to. */
export function countryRefusal(country: string, allowed: readonly string[]): string {
  return `We do not ship to ${country}. We ship to: ${allowed.join(", ")}.`;
}
