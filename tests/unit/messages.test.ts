import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/markets";
import { CODES, matchApiError, SENTENCES } from "@/components/i18n/api-errors";
import { apiErrorCases, PAGE_FALLBACK } from "../helpers/api-error-bodies";

// next-intl's ICU parser (a dependency of use-intl); it also proves every message is valid ICU.
const dir = path.resolve(import.meta.dirname, "../../messages");
type Tree = { [key: string]: string | Tree };
const catalogs = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), "utf8")) as Tree]));

/** Every message as "Namespace.key" → text. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The values a message needs (arguments, select/plural arguments, rich-text tags), with their kind. */
function placeholders(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(`${el.value}`);
    if (el.type === TYPE.select) {
      out.add(`${el.value}:select`);
      for (const option of Object.values(el.options)) placeholders(option.value, out);
    }
    if (el.type === TYPE.plural) {
      out.add(`${el.value}:plural`);
      for (const option of Object.values(el.options)) placeholders(option.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      placeholders(el.children, out);
    }
  }
  return out;
}

const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogs[l]!)]));
const reference = flat.en!;

describe("message catalogs", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the keys English has", (locale) => {
    const keys = [...flat[locale]!.keys()];
    expect(keys.filter((k) => !reference.has(k)), "keys English lacks").toEqual([]);
    expect([...reference.keys()].filter((k) => !flat[locale]!.has(k)), `keys ${locale} lacks`).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s messages take the same placeholders as English, key by key", (locale) => {
    const differing = [...reference].flatMap(([key, text]) => {
      const other = flat[locale]!.get(key);
      if (other === undefined) return [];
      const want = [...placeholders(parse(text))].sort();
      const got = [...placeholders(parse(other))].sort();
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${key}: en ${want.join(",")} / ${locale} ${got.join(",")}`];
    });
    expect(differing).toEqual([]);
  });

  it("has no empty message", () => {
    for (const locale of LOCALES) {
      expect([...flat[locale]!].filter(([, text]) => text.trim() === "").map(([k]) => `${locale}:${k}`)).toEqual([]);
    }
  });

  it("would catch a missing key or placeholder (the checks above are not vacuous)", () => {
    const broken = flatten({ ...catalogs.fr!, Cart: { ...(catalogs.fr!.Cart as Tree), added: "Ajouté" } });
    broken.delete("Cart.empty");
    expect([...reference.keys()].filter((k) => !broken.has(k))).toEqual(["Cart.empty"]);
    expect([...placeholders(parse(reference.get("Cart.linkLabel")!))].sort()).toEqual(["count:plural"]);
    expect([...placeholders(parse("Panier"))]).toEqual([]);
  });
});

describe("the Errors keys the browser translates API errors to (components/i18n/api-errors.ts)", () => {
  const keys = [...new Set([...Object.values(CODES), ...SENTENCES.map(([, key]) => key), ...Object.values(PAGE_FALLBACK)])];

  it.each(LOCALES)("%s has every key, codes and fallbacks taking no values", (locale) => {
    expect(keys.filter((k) => !flat[locale]!.has(`Errors.${k}`))).toEqual([]);
    const valueless = [...Object.values(CODES), ...Object.values(PAGE_FALLBACK)];
    expect(valueless.filter((k) => placeholders(parse(flat[locale]!.get(`Errors.${k}`) ?? "")).size > 0)).toEqual([]);
  });

  it.each(LOCALES)("%s messages take exactly the values each real API error body gives them", async (locale) => {
    const { cases } = await apiErrorCases();
    const differing = cases.flatMap((c) => {
      const m = matchApiError(c.body);
      if (!m) return [];
      const want = Object.keys(m.values ?? {}).sort();
      const got = [...placeholders(parse(flat[locale]!.get(`Errors.${m.key}`) ?? ""))].sort();
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${c.what} → Errors.${m.key}: values ${want.join(",")} / placeholders ${got.join(",")}`];
    });
    expect(differing).toEqual([]);
  });
});
