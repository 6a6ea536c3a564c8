import { describe, expect, it } from "vitest";
import { safeNext } from "@/app/_server/safe-next";

const SHOP = "https://shop.example";

/** Where a browser on the shop ends up when sent to `next`. */
const landing = (next: string) => new URL(next, `${SHOP}/login`);

describe("safeNext", () => {
  it.each([
    ["/cart", "/cart"],
    ["/orders/123?x=1#top", "/orders/123?x=1#top"],
    ["/account/password", "/account/password"],
    ["/@evil.example", "/@evil.example"],
    ["/ /evil", "/%20/evil"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["cart", "/cart"],
    [`${SHOP}/cart?a=b`, "/cart?a=b"],
    ["https://SHOP.example:443/cart", "/cart"],
    // The URL standard reads a same-scheme URL without "//" as a path on the current host.
    ["https:evil.example", "/evil.example"],
    ["https:/evil.example", "/evil.example"],
  ])("keeps %j on the shop as %j", (input, expected) => {
    expect(safeNext(input, SHOP)).toBe(expected);
    expect(landing(safeNext(input, SHOP)).origin).toBe(SHOP);
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example",
    "https://evil.example/cart",
    "http://shop.example/cart",
    "https://shop.example.evil.example/",
    "https://shop.example@evil.example/",
    "//shop.example@evil.example",
    "https://user:pass@shop.example/cart",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@evil.example",
    "http:evil.example",
    "\u0000/evil",
    "",
  ])("sends %j to /", (input) => {
    expect(safeNext(input, SHOP)).toBe("/");
  });

  it("leaves the site for no input at all, arrays included", () => {
    expect(safeNext(undefined, SHOP)).toBe("/");
    expect(safeNext(null, SHOP)).toBe("/");
    expect(safeNext(["//evil.example", "/cart"], SHOP)).toBe("/");
    expect(safeNext(["/cart", "//evil.example"], SHOP)).toBe("/cart");
    expect(safeNext(`/${"a".repeat(3000)}`, SHOP)).toBe("/");
  });

  it("accepts only relative paths when the shop's origin is unknown", () => {
    expect(safeNext("/cart")).toBe("/cart");
    expect(safeNext(`${SHOP}/cart`)).toBe("/");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("/cart", "not a url")).toBe("/cart");
  });
});
