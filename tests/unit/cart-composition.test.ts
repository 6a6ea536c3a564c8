import { describe, expect, it } from "vitest";
import { assertComposition, type ComposedLine } from "@/lib/cart/composition";

const line = (over: Partial<ComposedLine>): ComposedLine => ({
  priceId: "price_a", quantity: 1, currency: "eur", recurring_interval: null, recurring_interval_count: null, ...over,
});

describe("cart composition rules", () => {
  it("accepts one currency with one-time and same-interval recurring items", () => {
    expect(() => assertComposition([
      line({}),
      line({ priceId: "price_b", recurring_interval: "month", recurring_interval_count: 1 }),
      line({ priceId: "price_c", recurring_interval: "month", recurring_interval_count: 1 }),
    ])).not.toThrow();
  });
  it("rejects mixed currencies", () => {
    expect(() => assertComposition([line({}), line({ priceId: "price_b", currency: "usd" })])).toThrow(/one currency/);
  });
  it("rejects mixed intervals and interval counts", () => {
    expect(() => assertComposition([
      line({ recurring_interval: "month", recurring_interval_count: 1 }),
      line({ priceId: "price_b", recurring_interval: "year", recurring_interval_count: 1 }),
    ])).toThrow(/billing interval/);
    expect(() => assertComposition([
      line({ recurring_interval: "month", recurring_interval_count: 1 }),
      line({ priceId: "price_b", recurring_interval: "month", recurring_interval_count: 3 }),
    ])).toThrow(/billing interval/);
  });
  it("bounds quantity and line count", () => {
    expect(() => assertComposition([line({ quantity: 1000 })])).toThrow(/999/);
    expect(() => assertComposition(Array.from({ length: 101 }, (_, i) => line({ priceId: `price_${i}` })))).toThrow(/100/);
  });
});
