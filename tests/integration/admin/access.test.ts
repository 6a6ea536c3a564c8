import crypto from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as summary } from "@/app/api/admin/summary/route";
import { GET as listOrders } from "@/app/api/admin/orders/route";
import { GET as exportOrders } from "@/app/api/admin/orders/export/route";
import { POST as ship } from "@/app/api/admin/orders/ship/route";
import { GET as getOrder } from "@/app/api/admin/orders/[id]/route";
import { POST as refund } from "@/app/api/admin/orders/[id]/refund/route";
import { POST as review } from "@/app/api/admin/orders/[id]/review/route";
import { POST as cancel } from "@/app/api/admin/orders/[id]/cancel/route";
import { POST as fulfillment } from "@/app/api/admin/orders/[id]/fulfillment/route";
import { GET as listStock } from "@/app/api/admin/stock/route";
import { POST as setStock } from "@/app/api/admin/stock/[variantId]/route";
import { POST as addToCart } from "@/app/api/cart/add/route";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { serverRealtime } from "@/lib/auth/no-realtime";
import { TestBrowser } from "../../helpers/browser";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { cookieBrowser, insertOrder, newMerchant, type TestMerchant } from "./helpers";

let auth: AuthStack;
let merchant: TestMerchant;
let product: Fixture;
let orderId: string;

beforeAll(async () => {
  auth = await startAuthStack();
  merchant = await newMerchant(auth);
  product = await createProduct({ stock: 10 });
  orderId = await insertOrder({ amountTotal: 1000, needsReview: true, reviewReason: "fixture" });
});
afterAll(() => auth.close());

type Handler = (request: Request, ctx: any) => Promise<Response>;
interface Route { name: string; handler: Handler; path: string; method: "GET" | "POST"; params?: Record<string, string>; json?: unknown }

/** Every back-office API, with an input a merchant may send. */
function routes(): Route[] {
  const order = { id: orderId };
  return [
    { name: "GET summary", handler: summary, path: "/api/admin/summary", method: "GET" },
    { name: "GET orders", handler: listOrders, path: "/api/admin/orders", method: "GET" },
    { name: "GET orders/export", handler: exportOrders, path: "/api/admin/orders/export?from=1999-01-01&to=1999-01-02", method: "GET" },
    { name: "GET orders/[id]", handler: getOrder, path: `/api/admin/orders/${orderId}`, method: "GET", params: order },
    { name: "GET stock", handler: listStock, path: "/api/admin/stock", method: "GET" },
    { name: "POST orders/ship", handler: ship, path: "/api/admin/orders/ship", method: "POST", json: { shipments: [{ order_id: orderId, carrier: "ups", tracking_number: "1Z999AA10123456784" }] } },
    { name: "POST orders/[id]/fulfillment", handler: fulfillment, path: `/api/admin/orders/${orderId}/fulfillment`, method: "POST", params: order, json: { status: "delivered" } },
    { name: "POST orders/[id]/review", handler: review, path: `/api/admin/orders/${orderId}/review`, method: "POST", params: order, json: { note: "checked with the customer" } },
    { name: "POST stock/[variantId]", handler: setStock, path: `/api/admin/stock/${product.variantId}`, method: "POST", params: { variantId: String(product.variantId) }, json: { on_hand: 12 } },
    // Both need Stripe: their 200s are in refund.test.ts and actions.test.ts.
    { name: "POST orders/[id]/refund", handler: refund, path: `/api/admin/orders/${orderId}/refund`, method: "POST", params: order, json: { request_id: crypto.randomUUID() } },
    { name: "POST orders/[id]/cancel", handler: cancel, path: `/api/admin/orders/${orderId}/cancel`, method: "POST", params: order, json: {} },
  ];
}

const call = (browser: TestBrowser, r: Route) => browser.call(r.handler, { method: r.method, path: r.path, params: r.params, json: r.json });

describe("who may use the back office APIs", () => {
  it("answers 404 to a signed-out visitor, a guest with a cart, a shopper and a shopper who called themselves merchant", async () => {
    const guest = new TestBrowser();
    expect((await guest.call(addToCart, { path: "/api/cart/add", json: { items: [{ price: product.prices.eur, quantity: 1 }] } })).status).toBe(200);
    expect(guest.cookies.get("cart")).toBeTruthy();
    const shopper = await auth.newUser();
    // user_metadata is the user's own to write: it must not open the back office.
    const selfStyled = `self-${crypto.randomBytes(5).toString("hex")}@example.test`;
    const { data } = await createClient(auth.url, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, { auth: { persistSession: false }, ...serverRealtime })
      .auth.signUp({ email: selfStyled, password: "correct horse battery", options: { data: { role: "merchant" } } });
    expect(data.session).toBeTruthy();
    // A token claiming the role with a signature that does not match.
    const [h, p, s] = merchant.token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), sub: shopper.id })).toString("base64url")}.${s}`;

    const visitors: [string, TestBrowser][] = [
      ["signed out", new TestBrowser()],
      ["guest", guest],
      ["shopper (token)", new TestBrowser({ authorization: `Bearer ${shopper.token}` })],
      ["shopper (cookie)", await cookieBrowser(auth, shopper.email, shopper.password)],
      ["user_metadata.role = merchant", new TestBrowser({ authorization: `Bearer ${data.session!.access_token}` })],
      ["forged merchant token", new TestBrowser({ authorization: `Bearer ${forged}` })],
    ];
    for (const [who, browser] of visitors) {
      for (const r of routes()) {
        const res = await call(browser, r);
        expect([who, r.name, res.status]).toEqual([who, r.name, 404]);
      }
    }
    // Nothing changed for them.
    const after = await call(merchant.browser, routes()[3]!);
    expect(after.body.order.needs_review).toBe(true);
    expect(after.body.fulfillment.status).toBe("unfulfilled");
  });

  it("answers 200 to a merchant, with a token or the session cookie", async () => {
    const viaCookie = await cookieBrowser(auth, merchant.email, merchant.password);
    for (const r of routes().filter((x) => x.method === "GET")) {
      expect([r.name, (await call(viaCookie, r)).status]).toEqual([r.name, 200]);
    }
    for (const r of routes().filter((x) => !/refund|cancel/.test(x.name))) {
      const res = await call(merchant.browser, r);
      expect([r.name, res.status, res.body]).toEqual([r.name, 200, expect.anything()]);
    }
  });
});
