import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiErrorMessage, CODES, matchApiError, SENTENCES, type Translate } from "@/components/i18n/api-errors";
import { allTableEntries, apiErrorCases, PAGE_FALLBACK, type ApiErrorCase } from "../helpers/api-error-bodies";

// The browser's translations of API errors (components/i18n/api-errors.ts) against the bodies the
// routes really answer, built by the lib/ code the routes use (tests/helpers/api-error-bodies.ts).

const t: Translate = (key, values) => `${key}:${JSON.stringify(values ?? {})}`;
let cases: ApiErrorCase[];
let used: Set<string>;
beforeAll(async () => {
  ({ cases, used } = await apiErrorCases());
});

describe("API error bodies in the browser", () => {
  it("each body maps to its Errors key and values, or to the page's fallback", () => {
    const wrong = cases.flatMap((c) => {
      const fallback = PAGE_FALLBACK[c.route];
      const want = "key" in c.expect ? t(c.expect.key, c.expect.values) : t(fallback);
      const got = apiErrorMessage(c.body, fallback, t);
      return got === want ? [] : [`${c.route} ${c.what} ${JSON.stringify(c.body)}: got ${got}, want ${want}`];
    });
    expect(wrong).toEqual([]);
  });

  it("every deliberate fallback says why, and every case is a shopper's 4xx or a server fault", () => {
    for (const c of cases) {
      if ("fallback" in c.expect) expect(c.expect.fallback.length, c.what).toBeGreaterThan(10);
      expect(c.status >= 400 && c.status < 600, `${c.what}: ${c.status}`).toBe(true);
    }
  });

  it("every message table entry the routes draw from is exercised by a case", () => {
    expect(allTableEntries().filter((e) => !used.has(e))).toEqual([]);
  });

  it("every code and sentence pattern is what maps some real body (no dead entries)", () => {
    const codes = new Set<string>();
    const sentences = new Set<number>();
    for (const c of cases) {
      const m = matchApiError(c.body);
      if (m?.via === "code") codes.add(m.code);
      if (m?.via === "sentence") sentences.add(m.index);
    }
    expect(Object.keys(CODES).filter((code) => !codes.has(code))).toEqual([]);
    expect(SENTENCES.map(([pattern], i) => (sentences.has(i) ? null : String(pattern))).filter((p) => p !== null)).toEqual([]);
  });

  it("a reworded sentence would be caught (the checks above are not vacuous)", () => {
    const reworded = { status: 409, error: true, message: "This cart was already paid" };
    expect(matchApiError(reworded)).toBeNull();
    expect(apiErrorMessage(reworded, "checkoutFailed", t)).toBe("checkoutFailed:{}");
    expect(cases.some((c) => c.body.message === "This cart has already been paid")).toBe(true);
  });
});

/**
 * Every shopper-facing error answer goes through a message table or builder the cases above use:
 * no route or lib/ throw site spells a sentence or code inline, so a new one cannot skip this test.
 */
describe("error sentences live in the message modules", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const MODULES = new Set([
    "lib/cart/messages.ts", "lib/cart/schemas.ts", "lib/cart/errors.ts",
    "lib/checkout/messages.ts", "lib/checkout/sync-errors.ts", "lib/checkout/payment-intent-schemas.ts", "lib/checkout/shipping-details.ts",
    "lib/orders/messages.ts", "lib/catalog/purchase-rules.ts",
  ]);
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []);
  const files = ["lib/cart", "lib/checkout", "app/api/cart", "app/api/checkout", "app/api/orders"].flatMap(walk).filter((f) => !MODULES.has(f));
  const INLINE = [
    /\b(?:CartError|CheckoutRejection|IntentShippingError|SyncError|cartError|cartErrorBody|fail)\(\s*\d{3}\s*,\s*["'`]/,
    /Response\.json\(\s*\{\s*error:\s*["'`]/,
    /\berror:\s*\w+\s*\?\s*["'`]/,
  ];

  it("scans the route and lib files that answer shoppers", () => {
    expect(files).toContain("app/api/cart/checkout/route.ts");
    expect(files).toContain("lib/checkout/session-checkout.ts");
  });

  it("no throw site or answer spells its sentence inline", () => {
    const inline = files.flatMap((f) =>
      fs.readFileSync(path.join(root, f), "utf8").split("\n").flatMap((line, i) => (INLINE.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(inline).toEqual([]);
  });

  it("would catch an inline sentence", () => {
    expect(INLINE.some((re) => re.test(`throw new CartError(409, "This cart was already paid");`))).toBe(true);
    expect(INLINE.some((re) => re.test(`return Response.json({ error: "not_found" }, { status: 404 });`))).toBe(true);
    expect(INLINE.some((re) => re.test(`throw new CartError(409, M.alreadyPaid);`))).toBe(false);
  });
});
