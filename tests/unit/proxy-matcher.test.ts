import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";

// Next's server modules expect the global its own runtime installs before loading them.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { unstable_doesMiddlewareMatch } = await import("next/experimental/testing/server");
const { config } = await import("@/proxy");

/** Next's own matcher code (the one the server runs) decides whether proxy.ts runs for a request. */
const runs = (path: string, cookie = "") =>
  unstable_doesMiddlewareMatch({
    config,
    url: `http://127.0.0.1:3000${path}`,
    // The helper writes these into the Cookie header (joined with ";"), where the matcher reads them.
    cookies: Object.fromEntries(cookie.split(/;\s*/).filter(Boolean).map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)])),
  });
/** The header condition as the server applies it (prepare-destination.ts matchHas: `^${value}$`). */
const headerPattern = new RegExp(`^${config.matcher[0]!.has[0]!.value}$`);

const session = "sb-127-auth-token=base64-eyJhY2Nlc3NfdG9rZW4iOiJ4In0";

describe("proxy.ts runs only where a Supabase session cookie exists", () => {
  it.each(["/", "/products/ceramic-mug", "/cart", "/api/cart", "/api/cart/add", "/api/health", "/account/orders"])(
    "guest request to %s skips the proxy",
    (path) => {
      expect(runs(path)).toBe(false);
      expect(runs(path, "cart=0123456789abcdef0123456789abcdef")).toBe(false);
    },
  );

  it.each(["/", "/products/ceramic-mug", "/cart", "/api/cart", "/api/cart/add", "/api/checkout", "/account/orders"])(
    "signed-in request to %s runs the proxy",
    (path) => {
      expect(runs(path, session)).toBe(true);
    },
  );

  it("matches the cookie in any position, chunked or whole, for any project ref", () => {
    expect(runs("/cart", `cart=abc; ${session}`)).toBe(true);
    expect(runs("/cart", `cart=abc;${session}; theme=dark`)).toBe(true);
    expect(runs("/cart", "sb-abcdefghijklmnop-auth-token.0=base64-eyJh; sb-abcdefghijklmnop-auth-token.1=fQ")).toBe(true);
    expect(runs("/cart", "cart=abc; sb-myproject-auth-token.1=fQ")).toBe(true);
    // Browsers separate cookies with "; ".
    expect(headerPattern.test(`cart=abc; ${session}; theme=dark`)).toBe(true);
    expect(headerPattern.test("cart=abc; theme=dark")).toBe(false);
  });

  it("does not run for look-alike cookies that hold no session", () => {
    expect(runs("/cart", "sb-127-auth-token-code-verifier=abc")).toBe(false);
    expect(runs("/cart", "xsb-127-auth-token=abc")).toBe(false);
    expect(runs("/cart", "sb-auth-token=abc")).toBe(false);
    expect(runs("/cart", "theme=sb-127-auth-token")).toBe(false);
  });

  it("never runs for the floor route, static assets, webhooks, the public catalog API or the cron", () => {
    for (const path of ["/api/floor", "/_next/static/chunks/main.js", "/images/mug.jpg", "/api/webhooks/stripe", "/api/products", "/api/cron/expire-reservations"]) {
      expect(runs(path, session)).toBe(false);
    }
  });
});
