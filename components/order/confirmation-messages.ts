import type { OrderJson } from "@/lib/orders/json";

/** Every sentence the order confirmation shows, in one place (to move into message files with the translations). */
export const CONFIRMATION_MESSAGES = {
  heading: {
    paid: "Thank you for your order",
    processing: "Thank you, your payment is being processed",
    pending: "Thank you, we are confirming your payment",
    failed: "Your payment did not go through",
    canceled: "Order canceled",
    refunded: "Order refunded",
  } satisfies Record<OrderJson["status"] | "processing", string>,
  orderNumber: "Order number",
  itemsCaption: "Items in this order",
  item: "Item",
  quantity: "Quantity",
  price: "Price",
  subtotal: "Items",
  shipping: "Shipping",
  free: "free",
  total: "Total",
  shipTo: "Shipping to",
  method: "Shipping method",
  businessDays: (min: number, max: number) => (min === max ? `${min} business days` : `${min}–${max} business days`),
  nextHeading: "What happens next",
  next: {
    paidShips: "We are preparing your parcel and will send it to the address above. You will receive an e-mail when it ships.",
    paidDigital: "Nothing needs to be shipped: your items are sent by e-mail, and subscriptions renew automatically.",
    processing: "Your bank payment can take a few days to settle. We hold your items and start preparing the order as soon as the payment is confirmed; this page updates by itself.",
    pending: "This usually takes a few seconds; this page updates by itself.",
    failed: "Nothing was charged. You can try paying again.",
    canceled: "Nothing was charged for this order.",
    refunded: "The amount was returned to your payment method.",
  },
  continueShopping: "Continue shopping",
} as const;
