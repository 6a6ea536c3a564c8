import type Stripe from "stripe";
import { z } from "zod";
import { invalidRequest, missingParam, paramError } from "./errors";
import { knownValues } from "./known-params/check";
import type { Params } from "./params";

/**
 * Address collection on Checkout Sessions and PaymentIntents, as stripe-node types them:
 * Checkout.SessionCreateParams.{billing_address_collection, shipping_address_collection, permissions},
 * Checkout.Session.{collected_information, customer_details, shipping_address_collection},
 * PaymentIntentCreateParams.shipping / PaymentIntent.Shipping.
 */

const COUNTRY = /^[A-Z]{2}$/;
const ALLOWED_COUNTRIES = knownValues("shipping_allowed_countries");

/** `billing_address_collection`: "auto" (Stripe's default, echoed as null when not sent) or "required". */
export function billingCollectionFrom(p: Params): Stripe.Checkout.Session.BillingAddressCollection | null {
  return p.enumOf("billing_address_collection", ["auto", "required"] as const) ?? null;
}

/**
 * `shipping_address_collection[allowed_countries][]`: required, each one of the codes Stripe ships to
 * (stripe-node Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry, from the
 * OpenAPI enum: no AS, CU, IR, KP, SY, VI…). The message follows Stripe's enum refusals
 * ("Invalid mode: must be one of payment, setup, or subscription").
 */
export function shippingCollectionFrom(p: Params): Stripe.Checkout.Session.ShippingAddressCollection | null {
  const obj = p.obj("shipping_address_collection");
  if (!obj) return null;
  const countries = obj.strList("allowed_countries");
  if (!countries || countries.length === 0) throw missingParam(obj.path("allowed_countries"));
  countries.forEach((c, i) => {
    if (!ALLOWED_COUNTRIES.includes(c)) {
      const param = `${obj.path("allowed_countries")}[${i}]`;
      throw paramError(`Invalid ${param}: must be one of ${ALLOWED_COUNTRIES.slice(0, -1).join(", ")}, or ${ALLOWED_COUNTRIES.at(-1)}`, param);
    }
  });
  return { allowed_countries: countries as Stripe.Checkout.Session.ShippingAddressCollection.AllowedCountry[] };
}

/** `permissions[update_shipping_details]` ("client_only" | "server_only"), `ui_mode=elements` only. */
export function permissionsFrom(p: Params, uiMode: string): Stripe.Checkout.Session.Permissions | null {
  const obj = p.obj("permissions");
  if (!obj) return null;
  if (uiMode !== "elements") throw paramError("`permissions` is only supported when `ui_mode` is `elements`.", "permissions");
  return { update_shipping_details: obj.enumOf("update_shipping_details", ["client_only", "server_only"] as const) ?? "client_only" };
}

/** A `{name, address}` in Stripe's form encoding (session update, PaymentIntent `shipping`). */
export function shippingDetailsFrom(p: Params): { name: string; address: Stripe.Address } {
  const address = p.obj("address");
  if (!address) throw missingParam(p.path("address"));
  return {
    name: p.reqStr("name"),
    address: {
      city: address.optStr("city") ?? null,
      country: address.reqStr("country"),
      line1: address.reqStr("line1"),
      line2: address.optStr("line2") ?? null,
      postal_code: address.optStr("postal_code") ?? null,
      state: address.optStr("state") ?? null,
    },
  };
}

/** The pay page's and `/_emulator/pay`'s JSON: what the payer typed on Stripe's page. */
export const payerDetailsSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(255),
  address: z.object({
    line1: z.string().trim().min(1, "address.line1 is required"),
    line2: z.string().trim().optional().nullable(),
    city: z.string().trim().min(1, "address.city is required"),
    postal_code: z.string().trim().min(1, "address.postal_code is required"),
    state: z.string().trim().optional().nullable(),
    country: z.string().trim().toUpperCase().regex(COUNTRY, "address.country must be a two-letter country code"),
  }),
});
export type PayerDetails = z.infer<typeof payerDetailsSchema>;

export interface PayerInput {
  shipping_details?: PayerDetails;
  email?: string;
  /** A `shr_…` among the session's shipping_options: the payer's pick (default: the first). */
  shipping_rate?: string;
}

/**
 * What paying a session that collects a shipping address needs: the address the server already set
 * (`collected_information`, `permissions.update_shipping_details=server_only`) or the payer's, in one
 * of `allowed_countries`. Returns the details to record, or null when the session collects none.
 */
export function requiredShipping(session: Stripe.Checkout.Session, given: PayerDetails | undefined): Stripe.Checkout.Session.CollectedInformation.ShippingDetails | null {
  const collection = session.shipping_address_collection;
  if (!collection) return null;
  const server = session.collected_information?.shipping_details ?? null;
  const details = given
    ? { name: given.name, address: { line1: given.address.line1, line2: given.address.line2 || null, city: given.address.city, postal_code: given.address.postal_code, state: given.address.state || null, country: given.address.country } }
    : server;
  if (!details) throw invalidRequest("This Checkout Session collects a shipping address: provide shipping_details {name, address}.", "shipping_details", "parameter_missing");
  const country = details.address.country ?? "";
  if (!collection.allowed_countries.includes(country as never)) {
    throw invalidRequest(`This Checkout Session does not ship to ${country}. Allowed countries: ${collection.allowed_countries.join(", ")}.`, "shipping_details[address][country]", "shipping_address_invalid");
  }
  return details;
}

/** Moves the payer's pick to the front of `shipping_options` (Checkout charges the first). */
export function selectShippingRate(session: Stripe.Checkout.Session, rateId: string | undefined): void {
  if (!rateId) return;
  const index = session.shipping_options.findIndex((o) => (typeof o.shipping_rate === "string" ? o.shipping_rate : o.shipping_rate.id) === rateId);
  if (index < 0) throw invalidRequest(`No such shipping rate on this Checkout Session: '${rateId}'`, "shipping_rate", "resource_missing");
  const [picked] = session.shipping_options.splice(index, 1);
  session.shipping_options.unshift(picked!);
}
