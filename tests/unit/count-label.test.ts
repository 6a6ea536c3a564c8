import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { countLabel, countLabels } from "@/components/cart/count-label";
import { LOCALES } from "@/lib/i18n/markets";

const dir = path.resolve(import.meta.dirname, "../../messages");
const COUNTS = [...Array.from({ length: 40 }, (_, i) => i), 100, 101, 1000, 1234, 999_999, 1_000_000, 2_000_000];

describe("countLabel: the header cart label in the browser, without use-intl", () => {
  it.each(LOCALES)("says exactly what next-intl says for Cart.linkLabel in %s", (locale) => {
    const messages = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), "utf8")) as Record<string, unknown>;
    const t = createTranslator({ locale, messages, namespace: "Cart" as never, timeZone: "UTC" }) as unknown as (key: string, values: { count: number }) => string;
    const labels = countLabels(locale, (count) => t("linkLabel", { count }));
    expect(COUNTS.map((n) => countLabel(labels, locale, n))).toEqual(COUNTS.map((n) => t("linkLabel", { count: n })));
  });

  it("keeps one sentence per plural category, with the count left open", () => {
    const labels = countLabels("en", (count) => (count === 1 ? `Cart, ${count} item` : `Cart, ${count} items`));
    expect(labels).toEqual({ one: "Cart, {count} item", other: "Cart, {count} items" });
  });
});
