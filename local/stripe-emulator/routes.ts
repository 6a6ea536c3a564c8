import { listLineItems } from "./checkout-line-items";
import { createSession, expireSession, getSessionRecord, listSessions } from "./checkout-sessions";
import { updateSession } from "./checkout-update";
import { getDispute } from "./disputes";
import { createCustomer, getCustomer, listCustomers, updateCustomer } from "./customers";
import type { Emulator, RequestInfo } from "./emulator";
import { resourceMissing } from "./errors";
import { getEvent, listEvents } from "./events";
import type { Params } from "./params";
import { cancelIntent, confirmIntentRoute, createIntent, getIntent, listIntents, updateIntent } from "./payment-intents";
import { buildPrice, getPrice, listPrices, updatePrice } from "./prices";
import { buildProduct, getProduct, listProducts, updateProduct } from "./products";
import { createRefund, getCharge, getRefund, listRefunds } from "./refunds";
import { getSubscription, listSubscriptions } from "./subscriptions";

export interface ApiCall {
  emu: Emulator;
  params: Params;
  /** The id captured from the path, "" when the route has none. */
  id: string;
  request: RequestInfo;
}

export interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  /** Name used by `/_emulator/faults`. */
  operation: string;
  handler: (call: ApiCall) => unknown;
}

const ID = "([^/]+)";
const route = (method: Route["method"], path: string, operation: string, handler: Route["handler"]): Route => ({
  method,
  pattern: new RegExp(`^${path.replaceAll(":id", ID)}$`),
  operation,
  handler,
});

function found<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw resourceMissing(kind, id);
  return value;
}

export const ROUTES: Route[] = [
  route("POST", "/v1/products", "products.create", ({ emu, params }) => buildProduct(emu, params)),
  route("GET", "/v1/products", "products.list", ({ emu, params }) => listProducts(emu, params)),
  route("GET", "/v1/products/:id", "products.retrieve", ({ emu, id }) => getProduct(emu, id)),
  route("POST", "/v1/products/:id", "products.update", ({ emu, id, params }) => updateProduct(emu, id, params)),

  route("POST", "/v1/prices", "prices.create", ({ emu, params }) => buildPrice(emu, params, false)),
  route("GET", "/v1/prices", "prices.list", ({ emu, params }) => listPrices(emu, params)),
  route("GET", "/v1/prices/:id", "prices.retrieve", ({ emu, id }) => getPrice(emu, id)),
  route("POST", "/v1/prices/:id", "prices.update", ({ emu, id, params }) => updatePrice(emu, id, params)),

  route("POST", "/v1/customers", "customers.create", ({ emu, params }) => createCustomer(emu, params)),
  route("GET", "/v1/customers", "customers.list", ({ emu, params }) => listCustomers(emu, params)),
  route("GET", "/v1/customers/:id", "customers.retrieve", ({ emu, id }) => getCustomer(emu, id)),
  route("POST", "/v1/customers/:id", "customers.update", ({ emu, id, params }) => updateCustomer(emu, id, params)),

  route("POST", "/v1/payment_intents", "payment_intents.create", ({ emu, params, request }) => createIntent(emu, params, request)),
  route("GET", "/v1/payment_intents", "payment_intents.list", ({ emu, params }) => listIntents(emu, params)),
  route("GET", "/v1/payment_intents/:id", "payment_intents.retrieve", ({ emu, id }) => getIntent(emu, id)),
  route("POST", "/v1/payment_intents/:id", "payment_intents.update", ({ emu, id, params }) => updateIntent(emu, id, params)),
  route("POST", "/v1/payment_intents/:id/confirm", "payment_intents.confirm", ({ emu, id, params, request }) =>
    confirmIntentRoute(emu, id, params, request),
  ),
  route("POST", "/v1/payment_intents/:id/cancel", "payment_intents.cancel", ({ emu, id, params, request }) =>
    cancelIntent(emu, id, params, request),
  ),

  route("POST", "/v1/checkout/sessions", "checkout.sessions.create", ({ emu, params }) => createSession(emu, params)),
  route("GET", "/v1/checkout/sessions", "checkout.sessions.list", ({ emu, params }) => listSessions(emu, params)),
  route("GET", "/v1/checkout/sessions/:id", "checkout.sessions.retrieve", ({ emu, id }) => getSessionRecord(emu, id).session),
  route("POST", "/v1/checkout/sessions/:id", "checkout.sessions.update", ({ emu, id, params }) => updateSession(emu, id, params)),
  route("GET", "/v1/checkout/sessions/:id/line_items", "checkout.sessions.list_line_items", ({ emu, id, params }) =>
    listLineItems(emu, id, params),
  ),
  route("POST", "/v1/checkout/sessions/:id/expire", "checkout.sessions.expire", ({ emu, id, request }) =>
    expireSession(emu, id, request),
  ),

  route("GET", "/v1/subscriptions", "subscriptions.list", ({ emu, params }) => listSubscriptions(emu, params)),
  route("GET", "/v1/subscriptions/:id", "subscriptions.retrieve", ({ emu, id }) => getSubscription(emu, id)),

  route("GET", "/v1/payment_methods/:id", "payment_methods.retrieve", ({ emu, id }) =>
    found(emu.state.paymentMethods.get(id), "PaymentMethod", id),
  ),
  route("GET", "/v1/charges/:id", "charges.retrieve", ({ emu, id }) => getCharge(emu, id)),

  route("POST", "/v1/refunds", "refunds.create", ({ emu, params, request }) => createRefund(emu, params, request)),
  route("GET", "/v1/refunds", "refunds.list", ({ emu, params }) => listRefunds(emu, params)),
  route("GET", "/v1/refunds/:id", "refunds.retrieve", ({ emu, id }) => getRefund(emu, id)),

  route("GET", "/v1/disputes/:id", "disputes.retrieve", ({ emu, id }) => getDispute(emu, id)),
  route("GET", "/v1/shipping_rates/:id", "shipping_rates.retrieve", ({ emu, id }) =>
    found(emu.state.shippingRates.get(id), "shipping_rate", id),
  ),

  route("GET", "/v1/events", "events.list", ({ emu, params }) => listEvents(emu, params)),
  route("GET", "/v1/events/:id", "events.retrieve", ({ emu, id }) => getEvent(emu, id)),
];

export function matchRoute(method: string, path: string): { route: Route; id: string } | null {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) {
      let id = "";
      try {
        id = decodeURIComponent(m[1] ?? "");
      } catch {
        id = m[1] ?? "";
      }
      return { route: r, id };
    }
  }
  return null;
}

export const OPERATIONS = ROUTES.map((r) => r.operation);
