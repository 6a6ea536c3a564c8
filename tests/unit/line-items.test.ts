import { describe, expect, it } from "vitest";
import { toSessionLineItem } from "@/lib/checkout/line-items";

const row = {
  name: "Mug",
  variant_name: "Sand",
  currency: "eur",
  unit_amount: 2400,
  quantity: 3,
  recurring_interval: null,
  recurring_interval_count: null,
  price_id: "price_mug_eur",
  variant_id: 7,
};

describe("Checkout Session line items", () => {
  it("carry the database's amount and quantity and never adjustable_quantity", () => {
    const item = toSessionLineItem(row);
    expect(item).toEqual({
      price_data: {
        currency: "eur",
        unit_amount: 2400,
        product_data: { name: "Mug (Sand)", metadata: { price_id: "price_mug_eur", variant_id: "7" } },
      },
      quantity: 3,
    });
    expect(item).not.toHaveProperty("adjustable_quantity");
  });
});
