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
    new SyncError(400, "shipping_option_not_available", `${rate} does not ship to ${country}; please choose another shipping option`),
  conflict: () => new SyncError(409, "cart_version_conflict", "The cart kept changing; please reload and try again"),
};
