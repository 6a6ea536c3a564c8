import type Stripe from "stripe";
import type { OrderRow } from "../orders/types";
import { offeredRates, stripeShippingOptions, type OfferedRate } from "./shipping";

/** The rates fixed on the order when it was created ([] when nothing ships or for subscriptions). */
export function orderRates(order: Pick<OrderRow, "shipping_rates">): OfferedRate[] {
  const parsed = offeredRates.safeParse(order.shipping_rates ?? []);
  return parsed.success ? parsed.data : [];
}

/** Does this order ship (something in it has products.requires_shipping)? */
export function orderShips(order: Pick<OrderRow, "shipping_countries">): boolean {
  return order.shipping_countries !== null && order.shipping_countries.length > 0;
}

/**
 * The session's address and shipping parameters, from the order row only (stripe-node
 * Checkout.SessionCreateParams): billing address always required (seed 001); a shipping address
 * from the order's countries (`shipping_address_collection.allowed_countries`) and its rates
 * (`shipping_options`, first preselected) when something ships. Our own `elements` page sends the
 * address itself with `collected_information.shipping_details` on session update (seed 003), which
 * `permissions.update_shipping_details: "server_only"` reserves to our server.
 */
export function shippingParams(order: OrderRow, uiMode: string): Partial<Stripe.Checkout.SessionCreateParams> {
  const params: Partial<Stripe.Checkout.SessionCreateParams> = { billing_address_collection: "required" };
  if (!orderShips(order)) return params;
  params.shipping_address_collection = {
    allowed_countries: order.shipping_countries as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
  };
  const rates = orderRates(order);
  if (rates.length > 0) params.shipping_options = stripeShippingOptions(rates, order.currency);
  if (uiMode === "elements") params.permissions = { update_shipping_details: "server_only" };
  return params;
}
