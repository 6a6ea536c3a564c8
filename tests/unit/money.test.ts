import { describe, expect, it } from "vitest";
import { formatMoney, minorUnitDigits } from "@/lib/money";

describe("money", () => {
  it("formats minor units per currency", () => {
    expect(formatMoney(6200, "usd")).toBe("$62.00");
    expect(formatMoney(1450, "eur")).toBe("€14.50");
    expect(formatMoney(0, "eur")).toBe("€0.00");
    expect(formatMoney(500, "jpy")).toBe("¥500");
  });
  it("knows the minor unit of zero-decimal currencies", () => {
    expect(minorUnitDigits("eur")).toBe(2);
    expect(minorUnitDigits("jpy")).toBe(0);
  });
});
