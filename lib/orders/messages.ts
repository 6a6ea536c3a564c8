/** The order routes' `{error}` sentences (GET /api/orders/[id], its refresh and shipping routes). */
export const ORDER_MESSAGES = {
  notFound: "Order not found",
  bodyNotJson: "Body must be JSON",
  serverError: "Server Error",
} as const;
