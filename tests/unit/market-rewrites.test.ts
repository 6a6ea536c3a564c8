import { AsyncLocalStorage } from "node:async_hooks";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

// Next's server modules expect the global its own runtime installs before loading them.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { unstable_getResponseFromNextConfig, getRewrittenUrl } = await import("next/experimental/testing/server");
// The real next.config.js (with the next-intl plugin around it), loaded as Next loads it.
const configPath = "../../next.config.js";
const nextConfig = ((await import(/* @vite-ignore */ configPath)) as { default: NextConfig }).default;

/**
 * Where Next's own rewrite matching (load-custom-routes, path-to-regexp, prepare-destination matchHas)
 * sends a request: the rewritten path and query, or null when no rule applies.
 */
async function servedBy(path: string, { acceptLanguage, cookies }: { acceptLanguage?: string; cookies?: Record<string, string> } = {}) {
  const response = await unstable_getResponseFromNextConfig({
    url: `http://127.0.0.1:3000${path}`,
    nextConfig,
    headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
    cookies,
  });
  const rewritten = getRewrittenUrl(response);
  if (!rewritten) return null;
  const url = new URL(rewritten);
  return `${url.pathname}${url.search}`;
}

const market = async (acceptLanguage?: string, cookies?: Record<string, string>) => (await servedBy("/products/ceramic-mug", { acceptLanguage, cookies }))?.split("/")[1];

describe("the market (language-currency) a shopper page is served from", () => {
  it("without Accept-Language or cookies (the black-box suite) is English with euros, on every page path", async () => {
    for (const path of ["/", "/products/ceramic-mug", "/cart", "/checkout", "/checkout/session/cs_test_1", "/orders/0b0e2d1c-0000-4000-8000-000000000000", "/account/orders", "/signup"]) {
      expect(await servedBy(path), path).toBe(path === "/" ? "/en-eur" : `/en-eur${path}`);
    }
  });

  it("keeps the query string", async () => {
    expect(await servedBy("/login?next=%2Fcart&error=link_invalid")).toBe("/en-eur/login?next=%2Fcart&error=link_invalid");
  });

  it.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr-eur"],
    ["fr", "fr-eur"],
    ["FR-ca", "fr-eur"],
    ["en-US,en;q=0.9", "en-usd"],
    ["en-us", "en-usd"],
    ["en-GB,en;q=0.9", "en-eur"],
    ["en", "en-eur"],
    ["de-DE,de;q=0.9", "en-eur"],
    // Only the first (preferred) language counts.
    ["de-DE,fr;q=0.9", "en-eur"],
    ["en-GB,en-US;q=0.9", "en-eur"],
    ["en-US,fr;q=0.9", "en-usd"],
  ])("Accept-Language %s → %s", async (acceptLanguage, expected) => {
    expect(await market(acceptLanguage)).toBe(expected);
  });

  it.each([
    [{ locale: "fr" }, "en-US", "fr-eur"],
    [{ locale: "fr", currency: "usd" }, undefined, "fr-usd"],
    [{ locale: "fr", currency: "eur" }, "en-US", "fr-eur"],
    [{ locale: "en" }, "fr-FR", "en-eur"],
    [{ locale: "en" }, "en-US", "en-usd"],
    [{ locale: "en", currency: "eur" }, "en-US", "en-eur"],
    [{ locale: "en", currency: "usd" }, "fr-FR", "en-usd"],
    [{ currency: "usd" }, "fr-FR", "fr-usd"],
    [{ currency: "usd" }, undefined, "en-usd"],
    [{ currency: "eur" }, "en-US", "en-eur"],
    // Values the shop never sets are ignored: Accept-Language decides.
    [{ locale: "de", currency: "gbp" }, "fr-FR", "fr-eur"],
    [{ locale: "FR" }, "en-US", "en-usd"],
  ])("cookies %j with Accept-Language %s → %s", async (cookies, acceptLanguage, expected) => {
    expect(await market(acceptLanguage, cookies as Record<string, string>)).toBe(expected);
  });

  it("leaves the API, Next's assets, the back office, the auth handler and public files where they are", async () => {
    for (const path of ["/api/cart", "/api/cart/add", "/api/products", "/api", "/_next/static/chunks/main.js", "/_next/image?url=x", "/admin", "/admin/orders/1", "/auth/confirm?token_hash=x", "/images/ceramic-mug.svg", "/favicon.ico"]) {
      expect(await servedBy(path, { acceptLanguage: "fr-FR", cookies: { locale: "fr", currency: "usd" } }), path).toBeNull();
    }
  });

  it("never rewrites an internal market path again (beforeFiles rewrites run one after another)", async () => {
    for (const path of ["/en-eur", "/fr-usd/cart", "/en-usd/products/ceramic-mug", "/fr-eur/"]) {
      expect(await servedBy(path, { acceptLanguage: "fr-FR", cookies: { currency: "usd" } }), path).toBeNull();
    }
    // Paths that only look alike are shopper paths.
    expect(await servedBy("/administrator")).toBe("/en-eur/administrator");
    expect(await servedBy("/apis")).toBe("/en-eur/apis");
  });
});
