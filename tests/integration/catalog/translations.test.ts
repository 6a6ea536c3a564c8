import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getProductBySlug, listProducts, lowestPriceIn, translatedProductNames } from "@/lib/catalog";
import { GET } from "@/app/api/products/route";
import { createProduct } from "../../helpers/fixtures";
import { TestBrowser } from "../../helpers/browser";

const browser = new TestBrowser();

describe("catalog in the shopper's language (product_translations)", () => {
  it("reads the French name and description where the merchant wrote them (the seed's sample products)", async () => {
    const fr = await getProductBySlug("house-blend-coffee", "fr");
    expect(fr?.name).toBe("Café Mélange Maison");
    expect(fr?.description).toMatch(/^Notre torréfaction/);
    const en = await getProductBySlug("house-blend-coffee", "en");
    expect(en?.name).toBe("House Blend Coffee");
    // Same product, same prices: only the words change.
    expect(fr?.variants).toEqual(en?.variants);
    const seeded = (await listProducts("fr")).filter((p) => !p.slug.startsWith("test-"));
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    const english = new Map((await listProducts("en")).map((p) => [p.id, p.name]));
    expect(seeded.every((p) => p.name !== english.get(p.id))).toBe(true);
  });

  it("falls back to the default text when a product has no translation, or only a name", async () => {
    const untranslated = await createProduct({ stock: 5, name: "Stoneware Plate" });
    const nameOnly = await createProduct({ stock: 5, name: "Linen Napkin" });
    await db()`insert into product_translations (product_id, locale, name) values (${nameOnly.productId}, 'fr', 'Serviette en lin')`;

    const plate = await getProductBySlug(untranslated.slug, "fr");
    expect(plate?.name).toBe("Stoneware Plate");
    const napkin = await getProductBySlug(nameOnly.slug, "fr");
    expect(napkin?.name).toBe("Serviette en lin");
    const [defaultText] = await db()<{ description: string }[]>`select description from products where id = ${nameOnly.productId}`;
    expect(napkin?.description).toBe(defaultText!.description);
    // A language the shop has no rows for reads the default text too.
    expect((await getProductBySlug(nameOnly.slug, "de"))?.name).toBe("Linen Napkin");

    const names = await translatedProductNames([Number(untranslated.productId), Number(nameOnly.productId)], "fr");
    expect([...names]).toEqual([[Number(nameOnly.productId), "Serviette en lin"]]);
  });

  it("keeps the public catalog API in the default language", async () => {
    const res = await browser.call(GET, { path: "/api/products?slug=house-blend-coffee" });
    expect(res.body.products[0].name).toBe("House Blend Coffee");
  });

  it("refuses a translation row for the default language or a malformed code, and drops rows with their product", async () => {
    const p = await createProduct({ stock: 1 });
    await expect(db()`insert into product_translations (product_id, locale, name) values (${p.productId}, 'en', 'X')`).rejects.toThrow(/check/);
    await expect(db()`insert into product_translations (product_id, locale, name) values (${p.productId}, 'French', 'X')`).rejects.toThrow(/check/);
    await db()`insert into product_translations (product_id, locale, name) values (${p.productId}, 'fr', 'X')`;
    await db()`delete from prices where variant_id in (select id from variants where product_id = ${p.productId})`;
    await db()`delete from variants where product_id = ${p.productId}`;
    await db()`delete from products where id = ${p.productId}`;
    const [left] = await db()<{ n: number }[]>`select count(*)::int as n from product_translations where product_id = ${p.productId}`;
    expect(left!.n).toBe(0);
  });

  it("prices a product in the market's currency only, never another one", async () => {
    const eurOnly = await getProductBySlug("ethiopia-yirgacheffe", "en");
    expect(lowestPriceIn(eurOnly!, "eur")?.unit_amount).toBe(1750);
    expect(lowestPriceIn(eurOnly!, "usd")).toBeNull();
    const both = await getProductBySlug("house-blend-coffee", "en");
    expect(lowestPriceIn(both!, "usd")).toMatchObject({ currency: "usd", unit_amount: 1600 });
  });
});
