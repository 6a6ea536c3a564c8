import { maxPerOrderMessage, unavailableMessage } from "../catalog/purchase-rules";
import { ADDRESS_INCOMPLETE, rateNotForCountry } from "./messages";

/** Outcomes of syncCheckoutCart that the route maps to seed 000's answers. */
export class SyncError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const syncErrors = {
  notFound: () => new SyncError(404, "not_found", "No such checkout session"),
  unknownLine: () => new SyncError(400, "unknown_line_item", "No such line item in this checkout session"),
  lastLine: () => new SyncError(400, "cannot_remove_last_item", "A checkout needs at least one item; go back to the cart to empty it"),
  closed: (status: string) => new SyncError(400, "checkout_session_not_open", `This checkout session is ${status} and can no longer be changed`),
  stock: (names: string) => new SyncError(400, "insufficient_stock", `Not enough stock for ${names}`),
  updateFailed: () => new SyncError(502, "checkout_update_failed", "Stripe did not accept the change; your cart is as it was"),
  reconciliation: () => new SyncError(409, "cart_reconciliation_required", "This checkout needs reconciliation before it can continue"),
  noShipping: () => new SyncError(400, "shipping_not_offered", "This checkout has no shipping choice"),
  unknownRate: () => new SyncError(400, "invalid_shipping_option", "This shipping option is not offered for this checkout"),
  country: (message: string) => new SyncError(400, "shipping_country_not_allowed", message),
  rateNotForCountry: (rate: string, country: string) =>
    new SyncError(400, "shipping_option_not_available", rateNotForCountry(rate, country)),
  unavailable: (label: string) => new SyncError(400, "item_unavailable", unavailableMessage(label)),
  maxPerOrder: (max: number, label: string) => new SyncError(400, "max_per_order", maxPerOrderMessage(max, label)),
  conflict: () => new SyncError(409, "cart_version_conflict", "The cart kept changing; please reload and try again"),
};

/** Seed 000's own codes travel alone; the others carry a sentence for the page to show. */
export function syncErrorBody(error: SyncError): { error: string; message?: string } {
  const bare = error.code === "cart_reconciliation_required" || error.code === "checkout_update_failed";
  return bare ? { error: error.code } : { error: error.code, message: error.message };
}

/** The sync route's answers to a request it cannot read, before syncCheckoutCart runs. */
export const SYNC_REQUEST_ERRORS = {
  invalidRequest: { error: "invalid_request" },
  invalidQuantity: { error: "invalid_quantity" },
  invalidShippingOption: { error: "invalid_shipping_option" },
  invalidShippingDetails: { error: "invalid_shipping_details", message: ADDRESS_INCOMPLETE },
  notFound: { error: "not_found" },
  serverError: { error: "Server Error" },
} as const;
