import type Stripe from "stripe";

/** Shipping the editable checkout offers. Amounts in minor units of the order's currency. */
export const SHIPPING_OPTIONS = [
  { id: "standard", name: "Standard shipping", amount: 0, days: [3, 5] },
  { id: "express", name: "Express shipping", amount: 950, days: [1, 2] },
] as const;

export type ShippingOptionId = (typeof SHIPPING_OPTIONS)[number]["id"];
export const SHIPPING_OPTION_IDS = SHIPPING_OPTIONS.map((o) => o.id) as [ShippingOptionId, ...ShippingOptionId[]];
export const DEFAULT_SHIPPING: ShippingOptionId = "standard";

export function shippingOption(id: string | null | undefined) {
  return SHIPPING_OPTIONS.find((o) => o.id === id) ?? SHIPPING_OPTIONS[0];
}

/** Stripe's `shipping_options`, the chosen one first (Checkout selects the first option). */
export function stripeShippingOptions(chosen: ShippingOptionId, currency: string): Stripe.Checkout.SessionCreateParams.ShippingOption[] {
  const ordered = [shippingOption(chosen), ...SHIPPING_OPTIONS.filter((o) => o.id !== chosen)];
  return ordered.map((o) => ({
    shipping_rate_data: {
      type: "fixed_amount",
      display_name: o.name,
      fixed_amount: { amount: o.amount, currency },
      delivery_estimate: { minimum: { unit: "business_day", value: o.days[0] }, maximum: { unit: "business_day", value: o.days[1] } },
      metadata: { option: o.id },
    },
  }));
}
