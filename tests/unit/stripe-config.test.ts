import { afterEach, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { resetStripeClient, stripe, stripeConfig } from "@/lib/stripe/client";
import { scopedEnv } from "../helpers/env";

const withEnv = scopedEnv();
afterEach(() => resetStripeClient());

describe("Stripe client", () => {
  it("sets a 10 s timeout and 2 retries by default, not stripe-node's own 80 s", () => {
    withEnv({ NODE_ENV: "development", STRIPE_TIMEOUT_MS: undefined, STRIPE_MAX_NETWORK_RETRIES: undefined });
    expect(stripeConfig(getEnv())).toMatchObject({ timeout: 10_000, maxNetworkRetries: 2 });
    resetStripeClient();
    expect(stripe().getApiField("timeout")).toBe(10_000);
    expect(stripe().getMaxNetworkRetries()).toBe(2);
  });

  it("takes both from the environment", () => {
    withEnv({ NODE_ENV: "development", STRIPE_TIMEOUT_MS: "25000", STRIPE_MAX_NETWORK_RETRIES: "0" });
    resetStripeClient();
    expect(stripe().getApiField("timeout")).toBe(25_000);
    expect(stripe().getMaxNetworkRetries()).toBe(0);
  });

  it.each([
    ["STRIPE_TIMEOUT_MS", "soon"],
    ["STRIPE_TIMEOUT_MS", "500"],
    ["STRIPE_MAX_NETWORK_RETRIES", "-1"],
    ["STRIPE_MAX_NETWORK_RETRIES", "many"],
  ])("refuses %s=%s in one line naming it", (name, value) => {
    withEnv({ NODE_ENV: "development", [name]: value });
    expect(() => getEnv()).toThrow(new RegExp(`^Invalid environment:\\n${name}: [^\\n]+$`));
  });
});
