import { describe, expect, it } from "vitest";
import { sameAsStripe, type SessionState } from "@/lib/checkout/stripe-state";

const stripe = (lines: [string, number][], shipping = 0): SessionState => ({ status: "open", lines: new Map(lines), shipping });

describe("comparing our cart with a Checkout Session", () => {
  it("matches the same lines and shipping in any order", () => {
    expect(sameAsStripe(stripe([["li_a", 2], ["li_b", 1]]), [{ lineItemId: "li_b", quantity: 1 }, { lineItemId: "li_a", quantity: 2 }], 0)).toBe(true);
  });
  it("tells apart quantities, missing or extra lines, unbound lines and shipping", () => {
    const s = stripe([["li_a", 2], ["li_b", 1]], 950);
    expect(sameAsStripe(s, [{ lineItemId: "li_a", quantity: 3 }, { lineItemId: "li_b", quantity: 1 }], 950)).toBe(false);
    expect(sameAsStripe(s, [{ lineItemId: "li_a", quantity: 2 }], 950)).toBe(false);
    expect(sameAsStripe(s, [{ lineItemId: "li_a", quantity: 2 }, { lineItemId: null, quantity: 1 }], 950)).toBe(false);
    expect(sameAsStripe(s, [{ lineItemId: "li_a", quantity: 2 }, { lineItemId: "li_b", quantity: 1 }], 0)).toBe(false);
  });
});
