import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/products/route";
import { TestBrowser } from "../../helpers/browser";

const browser = new TestBrowser();

describe("GET /api/products", () => {
  it("lists the seeded catalog with integer minor-unit prices", async () => {
    const res = await browser.call(GET, { path: "/api/products" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/s-maxage=\d/);
    const seeded = res.body.products.filter((p: { slug: string }) => !p.slug.startsWith("test-"));
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    for (const p of seeded) {
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      for (const v of p.variants) {
        expect(v).toMatchObject({ id: expect.any(Number), sku: expect.any(String), options: expect.any(Object), stock: expect.any(Number) });
        for (const price of v.prices) {
          expect(Number.isInteger(price.unit_amount)).toBe(true);
          expect(price.currency).toMatch(/^[a-z]{3}$/);
          expect(price.recurring === null || typeof price.recurring.interval === "string").toBe(true);
        }
      }
    }
    const prices = seeded.flatMap((p: any) => p.variants.flatMap((v: any) => v.prices));
    expect(prices.some((p: any) => p.currency === "usd")).toBe(true);
    expect(prices.some((p: any) => p.recurring?.interval === "month")).toBe(true);
    expect(prices.some((p: any) => p.recurring?.interval === "year")).toBe(true);
    const stocks = seeded.flatMap((p: any) => p.variants.map((v: any) => v.stock));
    expect(stocks).toContain(0);
    expect(stocks).toContain(1);
  });

  it("filters by slug", async () => {
    const res = await browser.call(GET, { path: "/api/products?slug=ceramic-mug" });
    expect(res.status).toBe(200);
    expect(res.body.products).toHaveLength(1);
    expect(res.body.products[0].name).toBe("Ceramic Mug");
    expect(res.body.products[0].variants).toHaveLength(3);
  });

  it("answers an unknown slug with an empty list", async () => {
    const res = await browser.call(GET, { path: "/api/products?slug=no-such-thing" });
    expect(res.status).toBe(200);
    expect(res.body.products).toEqual([]);
  });

  it.each(["Bad Slug", "'; drop table products; --", "x".repeat(300), ""])("rejects the bad slug %j with a JSON 400", async (slug) => {
    const res = await browser.call(GET, { path: `/api/products?slug=${encodeURIComponent(slug)}` });
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe("string");
  });
});
