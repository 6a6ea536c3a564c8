import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { countLabel, countLabels } from "@/components/cart/count-label";
import { fill, openTemplate } from "@/components/i18n/template";
import { LOCALES } from "@/lib/i18n/markets";

// What next-intl would say in the browser, to compare the server-rendered sentences with.
const dir = path.resolve(import.meta.dirname, "../../messages");
type T = (key: string, values?: Record<string, string | number>) => string;
const translator = (locale: string, namespace: string): T => {
  const messages = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), "utf8")) as Record<string, unknown>;
  return createTranslator({ locale, messages, namespace: namespace as never, timeZone: "UTC" }) as unknown as T;
};
const COUNTS = [...Array.from({ length: 40 }, (_, i) => i), 100, 101, 1000, 1234, 999_999, 1_000_000, 2_000_000];

describe("countLabel: a plural sentence for a count the browser learns, without use-intl", () => {
  it.each(LOCALES.flatMap((l) => [[l, "linkLabel"], [l, "removeUnavailable"]] as const))("says exactly what next-intl says (%s, Cart.%s)", (locale, key) => {
    const t = translator(locale, "Cart");
    const labels = countLabels(locale, (count) => t(key, { count }));
    expect(COUNTS.map((n) => countLabel(labels, locale, n))).toEqual(COUNTS.map((n) => t(key, { count: n })));
  });

  it("keeps one sentence per plural category, with the count left open", () => {
    const labels = countLabels("en", (count) => (count === 1 ? `Cart, ${count} item` : `Cart, ${count} items`));
    expect(labels).toEqual({ one: "Cart, {count} item", other: "Cart, {count} items" });
  });
});

describe("openTemplate and fill: plain arguments filled in the browser", () => {
  it.each(LOCALES)("the cart's line labels read as next-intl writes them (%s)", (locale) => {
    const t = translator(locale, "Cart");
    for (const key of ["decrease", "increase", "quantityOf", "remove"]) {
      const template = openTemplate((v) => t(key, { item: v.item! }), ["item"]);
      for (const item of ["Ceramic Mug (Moss)", "Café Mélange Maison (250 g)", "a {b} c"]) expect(fill(template, { item })).toBe(t(key, { item }));
    }
    const atMost = openTemplate((v) => t("atMost", { max: v.max! }), ["max"]);
    for (const max of [1, 5, 999]) expect(fill(atMost, { max })).toBe(t("atMost", { max }));
  });

  it("leaves unknown placeholders as they are", () => {
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
