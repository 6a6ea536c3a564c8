import type { z } from "zod";
import { maxPerOrderMessage, unavailableMessage } from "@/lib/catalog/purchase-rules";
import { assertComposition, type ComposedLine } from "@/lib/cart/composition";
import { CartError, cartErrorBody, SERVER_ERROR } from "@/lib/cart/errors";
import { handleCartPost } from "@/lib/cart/http";
import { CART_MESSAGES } from "@/lib/cart/messages";
import { addBody, checkoutBody, quantityRangeMessage, updateBody } from "@/lib/cart/schemas";
import { MAX_LINE_QUANTITY, MAX_LINES } from "@/lib/cart/view";
import { ADDRESS_INCOMPLETE, CART_CHECKOUT_MESSAGES, noShippingRate, ORDER_SHIPPING_MESSAGES, rateNotForCountry } from "@/lib/checkout/messages";
import { CheckoutRejection, normalizeCheckoutBody, priceLinesFromRows, type VariantPrice } from "@/lib/checkout/payment-intent-lines";
import { CHECKOUT_ERRORS, CHECKOUT_REQUEST_ERRORS } from "@/lib/checkout/payment-intent-schemas";
import { countryRefusal } from "@/lib/checkout/shipping-details";
import { SYNC_REQUEST_ERRORS, syncErrorBody, syncErrors, type SyncError } from "@/lib/checkout/sync-errors";
import { ORDER_MESSAGES } from "@/lib/orders/messages";

/**
 * The error bodies the shopper-facing routes answer, built by the code that answers them (the lib/
 * message tables and builders the routes use, or the routes' own lib helpers run on bad input),
 * each with what the browser must show for it: an Errors key with its values, or the page's
 * fallback with the reason falling back is right.
 */

/** The fallback key each page passes to translateApiError for the route it calls (components/**). */
export const PAGE_FALLBACK = {
  "/api/cart/add": "addFailed", // components/cart/AddToCart.tsx
  "/api/cart/update": "updateFailed", // components/cart/CartView.tsx
  "/api/cart/checkout": "checkoutFailed", // components/checkout/CheckoutButton.tsx
  "/api/checkout": "checkoutFailed", // components/checkout/PaymentIntentCheckout.tsx
  "/api/orders/[id]/shipping": "checkoutFailed", // components/checkout/PaymentIntentCheckout.tsx
  "/api/checkout/sessions/[id]/cart": "generic", // components/checkout/EditableCheckout.tsx
} as const;
export type ShopperRoute = keyof typeof PAGE_FALLBACK;

export type Expected = { key: string; values?: Record<string, string | number> } | { fallback: string };

export interface ApiErrorCase {
  route: ShopperRoute;
  what: string;
  status: number;
  body: { error?: unknown; message?: unknown };
  expect: Expected;
}

/** Every message table the routes draw from; each entry must be used by some case below. */
export const MESSAGE_TABLES = {
  CART_MESSAGES,
  CART_CHECKOUT_MESSAGES,
  ORDER_SHIPPING_MESSAGES,
  CHECKOUT_ERRORS,
  CHECKOUT_REQUEST_ERRORS,
  syncErrors,
  SYNC_REQUEST_ERRORS,
  ORDER_MESSAGES,
} as const;
type Tables = typeof MESSAGE_TABLES;

/** Reasons shared by several deliberate fallbacks. */
const WELL_FORMED = "the page always sends a well-formed JSON body; only a hand-made request gets this";
const SERVER = "a server fault; the page's own fallback is the right words";

export async function apiErrorCases(): Promise<{ cases: ApiErrorCase[]; used: Set<string> }> {
  const used = new Set<string>();
  /** An entry of a message table, recorded as exercised. */
  function from<T extends keyof Tables, K extends keyof Tables[T]>(table: T, key: K): Tables[T][K] {
    used.add(`${table}.${String(key)}`);
    return MESSAGE_TABLES[table][key];
  }
  /** `text` as the routes' own code produced it, checked against the table entry it must come from. */
  function same<T extends keyof Tables>(text: string, table: T, key: keyof Tables[T], ...args: unknown[]): string {
    const entry = from(table, key) as unknown;
    const built = typeof entry === "function" ? (entry as (...a: unknown[]) => unknown)(...args) : entry;
    const want = built instanceof Error ? built.message : built;
    if (text !== want) throw new Error(`${table}.${String(key)}: the route said ${JSON.stringify(text)}, the table ${JSON.stringify(want)}`);
    return text;
  }
  const cases: ApiErrorCase[] = [];
  const add = (route: ShopperRoute, what: string, status: number, body: ApiErrorCase["body"], expect: Expected) =>
    cases.push({ route, what, status, body, expect });

  // ---- cart API (seed 001's {status, error: true, message}), through the routes' own handleCartPost
  const cartPost = async (schema: z.ZodType, init: { body?: string; headers?: Record<string, string> }) => {
    const request = new Request("http://shop.test/api/cart/x", { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: init.body });
    const res = await handleCartPost(request, schema, () => Promise.reject(new Error("the handler must not run")), "test");
    return { status: res.status, body: (await res.json()) as ApiErrorCase["body"] };
  };
  const viaCart = async (route: ShopperRoute, what: string, schema: z.ZodType, input: unknown, expect: Expected) => {
    const r = await cartPost(schema, { body: JSON.stringify(input) });
    if (r.status !== 400) throw new Error(`${what}: ${r.status}`);
    add(route, what, r.status, r.body, expect);
    return String(r.body.message);
  };
  const quantityCases = [
    ["/api/cart/add", "quantity 0 on add", addBody, { items: [{ price: "price_a", quantity: 0 }] }, 1],
    ["/api/cart/add", "quantity not a number", addBody, { items: [{ price: "price_a", quantity: "2" }] }, 1],
    ["/api/cart/update", "quantity 1.5 on update", updateBody, { updates: { price_a: { quantity: 1.5 } } }, 0],
  ] as const;
  for (const [route, what, schema, input, min] of quantityCases) {
    const message = await viaCart(route, what, schema, input, { key: "quantityRange", values: { min, max: MAX_LINE_QUANTITY } });
    if (!message.endsWith(`: ${quantityRangeMessage(min, MAX_LINE_QUANTITY)}`)) throw new Error(`${what}: ${message}`);
  }
  await viaCart("/api/cart/add", "empty price id", addBody, { items: [{ price: " ", quantity: 1 }] }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/add", "items not a list", addBody, { items: "price_a" }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/add", "no items", addBody, { items: [] }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/add", "more items than a cart holds", addBody, { items: Array.from({ length: MAX_LINES + 1 }, (_, i) => ({ price: `price_${i}`, quantity: 1 })) }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/update", "updates not a map", updateBody, { updates: ["price_a"] }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/update", "more updates than a cart holds", updateBody, { updates: Object.fromEntries(Array.from({ length: MAX_LINES + 1 }, (_, i) => [`price_${i}`, { quantity: 1 }])) }, { fallback: WELL_FORMED });
  await viaCart("/api/cart/update", "neither updates nor metadata", updateBody, {}, { fallback: WELL_FORMED });
  await viaCart("/api/cart/update", "too many metadata keys", updateBody, { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, { fallback: "the storefront never sends cart metadata; only an API client does" });
  await viaCart("/api/cart/checkout", "unknown ui_mode (zod's own words)", checkoutBody, { ui_mode: "popup" }, { fallback: WELL_FORMED });
  for (const [what, init, key] of [
    ["not JSON content type", { body: "{}", headers: { "content-type": "text/plain" } }, "contentType"],
    ["body over 64 KiB", { body: JSON.stringify({ pad: "x".repeat(70_000) }) }, "tooLarge"],
    ["malformed JSON", { body: "{" }, "malformedJson"],
  ] as const) {
    const r = await cartPost(addBody, init);
    same(String(r.body.message), "CART_MESSAGES", key);
    add("/api/cart/add", what, r.status, r.body, { fallback: WELL_FORMED });
  }

  const cart = (route: ShopperRoute, what: string, status: number, message: string, expect: Expected) =>
    add(route, what, status, cartErrorBody(status, message), expect);
  /** The CartError assertComposition throws for these lines (the cart's own rule code). */
  const composed = (lines: Partial<ComposedLine>[]) => {
    try {
      assertComposition(lines.map((l, i) => ({ priceId: `price_${i}`, quantity: 1, currency: "eur", recurring_interval: null, recurring_interval_count: null, ...l })));
    } catch (error) {
      if (error instanceof CartError) return error.message;
    }
    throw new Error("assertComposition accepted the lines");
  };
  cart("/api/cart/add", "a line over the per-line cap", 400,
    same(composed([{ priceId: "price_mug", quantity: MAX_LINE_QUANTITY + 1 }]), "CART_MESSAGES", "lineQuantityCap", "price_mug", MAX_LINE_QUANTITY),
    { key: "lineQuantityCap", values: { max: MAX_LINE_QUANTITY } });
  cart("/api/cart/add", "more lines than a cart holds", 400,
    same(composed(Array.from({ length: MAX_LINES + 1 }, () => ({}))), "CART_MESSAGES", "tooManyLines", MAX_LINES),
    { key: "tooManyLines", values: { max: MAX_LINES } });
  cart("/api/cart/add", "a second currency", 400,
    same(composed([{ currency: "eur" }, { priceId: "price_usd", currency: "usd" }]), "CART_MESSAGES", "oneCurrency", "eur", "price_usd", "usd"),
    { key: "cartCurrency", values: { cartCurrency: "EUR", otherCurrency: "USD" } });
  cart("/api/cart/add", "two billing intervals", 400,
    same(composed([{ recurring_interval: "month", recurring_interval_count: 1 }, { recurring_interval: "year", recurring_interval_count: 1 }]), "CART_MESSAGES", "subscriptionMix"),
    { key: "subscriptionMix", values: {} });
  cart("/api/cart/add", "unknown or switched-off price", 404, from("CART_MESSAGES", "priceNotFound")("price_gone"), { key: "priceNotFound", values: {} });
  cart("/api/cart/update", "cart bound to an open checkout", 409, from("CART_MESSAGES", "inOpenCheckout"), { key: "inOpenCheckout", values: {} });
  cart("/api/cart/update", "over a variant's max_per_order", 400, maxPerOrderMessage(2, "Mug (Large)"), { key: "maxPerOrder", values: { max: 2, item: "Mug (Large)" } });
  cart("/api/cart/checkout", "rate limited", 429, from("CART_MESSAGES", "tooManyCheckouts")(17), { key: "tooManyRequests", values: {} });
  cart("/api/cart/checkout", "server fault", 500, SERVER_ERROR, { fallback: SERVER });

  cart("/api/cart/checkout", "empty cart", 400, from("CART_CHECKOUT_MESSAGES", "empty"), { key: "cartEmpty", values: {} });
  cart("/api/cart/checkout", "cart awaiting reconciliation", 409, from("CART_CHECKOUT_MESSAGES", "needsReconciliation"), { key: "needsReconciliation", values: {} });
  cart("/api/cart/checkout", "cart kept moving", 409, from("CART_CHECKOUT_MESSAGES", "cartChanged"), { key: "cartChanged", values: {} });
  cart("/api/cart/checkout", "superseded order was paid", 409, from("CART_CHECKOUT_MESSAGES", "alreadyPaid"), { key: "alreadyPaid", values: {} });
  cart("/api/cart/checkout", "superseded order still processing", 409, from("CART_CHECKOUT_MESSAGES", "processing"), { key: "paymentProcessing", values: {} });
  const stockLabel = from("CART_CHECKOUT_MESSAGES", "stockLabel");
  cart("/api/cart/checkout", "short of stock, named", 400, from("CART_CHECKOUT_MESSAGES", "notEnoughStock")([stockLabel("Mug", "Large", 1), stockLabel("Poster", "", 0)]), { key: "notEnoughStock", values: { items: "Mug (Large, 1 left), Poster (0 left)" } });
  cart("/api/cart/checkout", "short of stock, unnamed", 400, from("CART_CHECKOUT_MESSAGES", "notEnoughStock")([]), { key: "notEnoughStockOne", values: {} });
  cart("/api/cart/checkout", "switched-off item in the cart", 400, unavailableMessage("Mug (Large)"), { key: "itemUnavailable", values: { item: "Mug (Large)" } });
  cart("/api/cart/checkout", "no shipping rate in the cart's currency", 400, noShippingRate("chf"), { fallback: "a merchant setup fault (no shipping rate in that currency) the shopper cannot fix; no Errors key words it" });

  // ---- POST /api/checkout (seed 002's {error}), through its own body checks where they are pure
  const rejection = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof CheckoutRejection) return { status: error.status, body: { error: error.message } };
    }
    throw new Error("no CheckoutRejection");
  };
  const pi = (what: string, r: { status: number; body: ApiErrorCase["body"] }, expect: Expected) => add("/api/checkout", what, r.status, r.body, expect);
  pi("no or expired token", { status: 401, body: { error: from("CHECKOUT_ERRORS", "unauthorized") } }, { key: "signInAgain", values: {} });
  const rejected = (r: { status: number; body: { error: string } }, table: keyof Tables, key: string, ...args: unknown[]) => {
    same(r.body.error, table, key as never, ...args);
    return r;
  };
  pi("empty cartItems", rejected(rejection(() => normalizeCheckoutBody({ cartItems: [] })), "CHECKOUT_ERRORS", "empty"), { key: "cartEmpty", values: {} });
  pi("an item without variant_id", rejected(rejection(() => normalizeCheckoutBody({ cartItems: [{ item_id: 1 }] })), "CHECKOUT_ERRORS", "missingVariant"), { fallback: "the page sends the server cart's variant ids; only a hand-made request lacks one" });
  const row: VariantPrice = { variant_id: 5, product_id: 1, product_name: "Mug", variant_name: "Large", sku: "MUG-L", price_id: "price_mug", unit_amount: 1200, max_per_order: 2 };
  const lines = normalizeCheckoutBody({ currency: "eur", cartItems: [{ item_id: 1, variant_id: 5, quantity: 1 }] }).lines;
  pi("variant switched off since the page loaded", rejected(rejection(() => priceLinesFromRows("eur", lines, [])), "CHECKOUT_ERRORS", "variantNotFound", 5), { key: "priceNotFound", values: {} });
  pi("variant of another product", rejected(rejection(() => priceLinesFromRows("eur", lines, [{ ...row, product_id: 2 }])), "CHECKOUT_ERRORS", "mismatch"), { fallback: "the page sends the server cart's own product/variant pairs" });
  pi("no active price in the currency", rejected(rejection(() => priceLinesFromRows("eur", lines, [{ ...row, price_id: null, unit_amount: null }])), "CHECKOUT_REQUEST_ERRORS", "noPrice", 5, "eur"), { key: "priceNotFound", values: {} });
  pi("over a variant's max_per_order", rejection(() => priceLinesFromRows("eur", [{ ...lines[0]!, quantity: 3 }], [row])), { key: "maxPerOrder", values: { max: 2, item: "Mug (Large)" } });
  pi("bad currency", rejected(rejection(() => normalizeCheckoutBody({ currency: "euro", cartItems: [{ variant_id: 5 }] })), "CHECKOUT_REQUEST_ERRORS", "currency"), { fallback: "the page sends the cart's own currency" });
  pi("bad quantity", rejected(rejection(() => normalizeCheckoutBody({ cartItems: [{ variant_id: 5, quantity: 0 }] })), "CHECKOUT_REQUEST_ERRORS", "quantity"), { fallback: "the page sends the cart's quantities, which the cart API already bounds" });
  pi("bad customization", rejected(rejection(() => normalizeCheckoutBody({ cartItems: [{ variant_id: 5, customization: [1] }] })), "CHECKOUT_REQUEST_ERRORS", "customization"), { fallback: "the page sends no customization" });
  pi("not enough stock", { status: 400, body: { error: from("CHECKOUT_ERRORS", "stock") } }, { key: "notEnoughStockOne", values: {} });
  pi("total not above zero", { status: 400, body: { error: from("CHECKOUT_ERRORS", "amount") } }, { fallback: "the catalog sells nothing free; only a misconfigured price reaches this" });
  pi("bad Idempotency-Key", { status: 400, body: { error: from("CHECKOUT_REQUEST_ERRORS", "idempotencyKey") } }, { fallback: "the page makes one well-formed key per visit" });
  pi("rate limited", { status: 429, body: { error: from("CHECKOUT_REQUEST_ERRORS", "tooManyRequests") } }, { key: "tooManyRequests", values: {} });
  pi("no shipping rate in the currency", { status: 400, body: { error: noShippingRate("chf") } }, { fallback: "a merchant setup fault the shopper cannot fix; no Errors key words it" });
  pi("Stripe refused or server fault", { status: 500, body: { error: from("CHECKOUT_ERRORS", "failed") } }, { fallback: SERVER });

  // ---- POST /api/orders/[id]/shipping ({error})
  const ship = (what: string, status: number, error: string, expect: Expected) => add("/api/orders/[id]/shipping", what, status, { error }, expect);
  ship("incomplete address", 400, ADDRESS_INCOMPLETE, { key: "missingFields", values: {} });
  ship("country not served", 400, countryRefusal("JP", ["FR", "DE"]), { key: "shippingCountry", values: { country: "JP", countries: "FR, DE" } });
  ship("rate not offered", 400, from("ORDER_SHIPPING_MESSAGES", "unknownRate"), { key: "shippingOption", values: {} });
  ship("rate does not reach the country", 400, rateNotForCountry("Colissimo", "CH"), { key: "shippingOptionCountry", values: { rate: "Colissimo", country: "CH" } });
  ship("order paid or processing", 409, from("ORDER_SHIPPING_MESSAGES", "locked"), { key: "orderLocked", values: {} });
  ship("Stripe did not take the address", 502, from("ORDER_SHIPPING_MESSAGES", "notSaved"), { key: "addressNotSaved", values: {} });
  ship("order not on a PaymentIntent", 400, from("ORDER_SHIPPING_MESSAGES", "notPaidHere"), { fallback: "the page posts only for the PaymentIntent order it just created" });
  ship("nothing ships", 400, from("ORDER_SHIPPING_MESSAGES", "nothingShips"), { fallback: "the page shows the address step only when the order ships" });
  ship("not JSON", 400, from("ORDER_MESSAGES", "bodyNotJson"), { fallback: WELL_FORMED });
  ship("someone else's order", 404, from("ORDER_MESSAGES", "notFound"), { fallback: "the page posts for the order this shopper just created" });
  ship("server fault", 500, from("ORDER_MESSAGES", "serverError"), { fallback: SERVER });

  // ---- POST /api/checkout/sessions/[id]/cart (seed 000's codes)
  const sync = (what: string, status: number, body: ApiErrorCase["body"], expect: Expected) => add("/api/checkout/sessions/[id]/cart", what, status, body, expect);
  const thrown = (what: string, error: SyncError, expect: Expected) => sync(what, error.status, syncErrorBody(error), expect);
  sync("quantity not 1..999", 400, from("SYNC_REQUEST_ERRORS", "invalidQuantity"), { key: "invalidQuantity" });
  sync("shipping option not a string", 400, from("SYNC_REQUEST_ERRORS", "invalidShippingOption"), { key: "shippingOption" });
  sync("incomplete address", 400, from("SYNC_REQUEST_ERRORS", "invalidShippingDetails"), { key: "missingFields" });
  sync("session id not cs_…", 404, from("SYNC_REQUEST_ERRORS", "notFound"), { key: "notFound" });
  sync("unreadable body", 400, from("SYNC_REQUEST_ERRORS", "invalidRequest"), { fallback: WELL_FORMED });
  sync("server fault", 500, from("SYNC_REQUEST_ERRORS", "serverError"), { fallback: SERVER });
  thrown("session not this shopper's", from("syncErrors", "notFound")(), { key: "notFound" });
  thrown("line not in the session", from("syncErrors", "unknownLine")(), { key: "unknownLine" });
  thrown("removing the last line", from("syncErrors", "lastLine")(), { key: "lastItem" });
  thrown("session expired", from("syncErrors", "closed")("expired"), { key: "sessionClosed" });
  thrown("short of stock", from("syncErrors", "stock")("Mug (2 more available)"), { key: "notEnoughStock", values: { items: "Mug (2 more available)" } });
  thrown("Stripe refused, rolled back", from("syncErrors", "updateFailed")(), { key: "updateRejected" });
  thrown("needs reconciliation", from("syncErrors", "reconciliation")(), { key: "needsReconciliation" });
  thrown("no shipping choice", from("syncErrors", "noShipping")(), { key: "shippingNotOffered" });
  thrown("rate not offered", from("syncErrors", "unknownRate")(), { key: "shippingOption" });
  thrown("country not served", from("syncErrors", "country")(countryRefusal("JP", ["FR"])), { key: "shippingCountry", values: { country: "JP", countries: "FR" } });
  thrown("rate does not reach the country", from("syncErrors", "rateNotForCountry")("Express", "US"), { key: "shippingOptionCountry", values: { rate: "Express", country: "US" } });
  thrown("item switched off", from("syncErrors", "unavailable")("Mug (Large)"), { key: "itemUnavailable", values: { item: "Mug (Large)" } });
  thrown("over max_per_order", from("syncErrors", "maxPerOrder")(3, "Mug"), { key: "maxPerOrder", values: { max: 3, item: "Mug" } });
  thrown("cart kept changing", from("syncErrors", "conflict")(), { key: "versionConflict" });

  return { cases, used };
}

/** Every entry of every message table, as "TABLE.key". */
export function allTableEntries(): string[] {
  return Object.entries(MESSAGE_TABLES).flatMap(([table, entries]) => Object.keys(entries).map((k) => `${table}.${k}`));
}
