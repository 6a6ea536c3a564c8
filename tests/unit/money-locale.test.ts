import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyFor } from "@/lib/money";

/** Intl puts a no-break space (U+00A0 or U+202F) between amount and symbol: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoneyFor: amounts the shopper's way", () => {
  it.each([
    [1450, "eur", "fr", "14,50 €"],
    [1600, "usd", "fr", "16,00 $US"],
    [123456, "eur", "fr", "1 234,56 €"],
    [1600, "usd", "en", "$16.00"],
    [1450, "eur", "en", "€14.50"],
    [0, "eur", "en", "€0.00"],
    [1000, "jpy", "en", "¥1,000"],
  ])("%i %s in %s → %s", (amount, currency, locale, expected) => {
    expect(plain(formatMoneyFor(amount, currency, locale))).toBe(expected);
  });

  it("leaves the APIs' formatMoney as it was (seed contracts)", () => {
    expect(formatMoney(1450, "eur")).toBe("€14.50");
    expect(formatMoney(1600, "usd")).toBe("$16.00");
  });
});
