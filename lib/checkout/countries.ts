import { z } from "zod";
import { stripeShipsTo } from "../stripe/shipping-countries";

/** The EU's 27 members (ISO 3166-1 alpha-2), then GB, CH, US and CA: where the shop ships unless SHIPPING_COUNTRIES says otherwise. */
export const DEFAULT_SHIPPING_COUNTRIES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "CH", "US", "CA",
] as const;

export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "must be a two-letter country code (ISO 3166-1 alpha-2)");

/** `SHIPPING_COUNTRIES`: comma-separated two-letter codes, e.g. "FR,DE,BE"; unset = the default list. */
export const shippingCountriesEnv = z
  .string()
  .transform((s) => s.split(",").map((c) => c.trim()).filter(Boolean))
  .pipe(
    z
      .array(countryCode.refine(stripeShipsTo, { error: (issue) => `${String(issue.input)} is not a country Stripe Checkout ships to` }))
      .min(1, "must list at least one country"),
  )
  .default([...DEFAULT_SHIPPING_COUNTRIES]);
