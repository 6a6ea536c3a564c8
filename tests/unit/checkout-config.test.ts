import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { DEFAULT_SHIPPING_COUNTRIES } from "@/lib/checkout/countries";
import { STRIPE_SHIPPING_COUNTRIES, stripeShipsTo } from "@/lib/stripe/shipping-countries";
import { knownValues } from "@/local/stripe-emulator/known-params/check";
import { reachableCountries, stripeShippingOptions, type OfferedRate } from "@/lib/checkout/shipping";
import { scopedEnv } from "../helpers/env";

const withEnv = scopedEnv();

describe("CHECKOUT_FLOW and SHIPPING_COUNTRIES", () => {
  it("default to our editable page and the EU countries with GB, CH, US and CA", () => {
    withEnv({ NODE_ENV: "development", CHECKOUT_FLOW: undefined, SHIPPING_COUNTRIES: undefined });
    const env = getEnv();
    expect(env.CHECKOUT_FLOW).toBe("elements");
    expect(env.SHIPPING_COUNTRIES).toEqual([...DEFAULT_SHIPPING_COUNTRIES]);
    expect(env.SHIPPING_COUNTRIES).toHaveLength(31);
    expect(env.SHIPPING_COUNTRIES).toEqual(expect.arrayContaining(["FR", "DE", "GB", "CH", "US", "CA"]));
  });

  it("take a flow and a comma-separated list of two-letter codes", () => {
    withEnv({ NODE_ENV: "development", CHECKOUT_FLOW: "hosted", SHIPPING_COUNTRIES: " fr, BE ,de" });
    expect(getEnv()).toMatchObject({ CHECKOUT_FLOW: "hosted", SHIPPING_COUNTRIES: ["FR", "BE", "DE"] });
  });

  it("refuse an unknown flow and a malformed country, naming the variable", () => {
    withEnv({ NODE_ENV: "development", CHECKOUT_FLOW: "paypal", SHIPPING_COUNTRIES: "FR,France" });
    expect(() => getEnv()).toThrow(/CHECKOUT_FLOW: .*\n.*SHIPPING_COUNTRIES.*two-letter country code/);
  });

  it("refuse a country Stripe Checkout does not ship to: every shipping checkout would fail at Stripe", () => {
    withEnv({ NODE_ENV: "development", CHECKOUT_FLOW: undefined, SHIPPING_COUNTRIES: "FR,KP" });
    expect(() => getEnv()).toThrow(/SHIPPING_COUNTRIES.*KP is not a country Stripe Checkout ships to/);
    withEnv({ NODE_ENV: "development", CHECKOUT_FLOW: undefined, SHIPPING_COUNTRIES: "FR,XK" }); // Kosovo: user-assigned, yet Stripe ships there
    expect(getEnv().SHIPPING_COUNTRIES).toEqual(["FR", "XK"]);
  });

  it("every default country is one Stripe ships to", () => {
    expect(DEFAULT_SHIPPING_COUNTRIES.filter((c) => !stripeShipsTo(c))).toEqual([]);
  });
});

describe("Stripe's shipping countries", () => {
  it("are the list the emulator reads from the installed stripe-node types", () => {
    expect([...STRIPE_SHIPPING_COUNTRIES].sort()).toEqual([...knownValues("shipping_allowed_countries")].sort());
  });
});

describe("shipping rates", () => {
  const rate = (id: string, amount: number, countries: string[] | null): OfferedRate => ({ id, name: id, amount, min_days: 1, max_days: 3, countries });

  it("the shop's countries narrow to those some rate serves", () => {
    expect(reachableCountries(["FR", "DE", "US"], [rate("eu", 500, ["FR", "DE"])])).toEqual(["FR", "DE"]);
    expect(reachableCountries(["FR", "US"], [rate("eu", 500, ["FR"]), rate("all", 900, null)])).toEqual(["FR", "US"]);
  });

  it("Stripe's shipping_options carry the chosen rate first, priced in the order's currency", () => {
    const options = stripeShippingOptions([rate("standard", 0, null), rate("express", 950, null)], "eur", "express");
    expect(options.map((o) => [o.shipping_rate_data?.display_name, o.shipping_rate_data?.fixed_amount])).toEqual([
      ["express", { amount: 950, currency: "eur" }],
      ["standard", { amount: 0, currency: "eur" }],
    ]);
    expect(options[0]!.shipping_rate_data?.delivery_estimate).toEqual({ minimum: { unit: "business_day", value: 1 }, maximum: { unit: "business_day", value: 3 } });
  });
});
