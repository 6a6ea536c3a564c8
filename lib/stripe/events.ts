import { z } from "zod";

/**
 * The parts of Stripe event payloads the shop acts on; everything else is ignored. Only what the
 * shop reads is required, but what it reads is required strictly: a signal that would mark an order
 * paid without saying what was paid fails closed (the webhook answers 400, nothing changes).
 * Field names follow stripe-node's types (Stripe.Checkout.Session, PaymentIntent, Charge, Refund, Dispute).
 */

const metadata = z.record(z.string(), z.string()).nullable().optional();
const idOrObject = z.union([z.string(), z.object({ id: z.string() })]);

/** Stripe.Address: every part may be null; the shop needs line1 and country to ship. */
const address = z.object({
  line1: z.string().nullable().optional(),
  line2: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  postal_code: z.string().nullable().optional(),
  state: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
});
/** Checkout.Session.CollectedInformation.ShippingDetails and PaymentIntent.Shipping: {name, address}. */
const shippingDetails = z.object({ name: z.string().nullable().optional(), address: address.nullable().optional() });

export const checkoutSessionObject = z
  .object({
    id: z.string().startsWith("cs_"),
    object: z.literal("checkout.session").optional(),
    amount_total: z.number().int().nullable(),
    currency: z.string().nullable().optional(),
    payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
    status: z.enum(["open", "complete", "expired"]).nullable().optional(),
    client_reference_id: z.string().nullable().optional(),
    metadata,
    payment_intent: idOrObject.nullable().optional(),
    subscription: idOrObject.nullable().optional(),
    collected_information: z.object({ shipping_details: shippingDetails.nullable().optional() }).nullable().optional(),
    /** The rate the payer picked (Checkout.Session.ShippingCost). */
    shipping_cost: z.object({ amount_total: z.number().int(), shipping_rate: idOrObject.nullable().optional() }).nullable().optional(),
  })
  .refine((s) => s.payment_status !== "paid" || s.amount_total !== null, {
    message: "a paid session must carry amount_total",
  });

export const paymentIntentObject = z
  .object({
    id: z.string().startsWith("pi_"),
    object: z.literal("payment_intent").optional(),
    amount: z.number().int(),
    amount_received: z.number().int().optional(),
    currency: z.string(),
    status: z.string(),
    metadata,
    last_payment_error: z.object({ message: z.string().optional(), code: z.string().optional() }).nullable().optional(),
    cancellation_reason: z.string().nullable().optional(),
    shipping: shippingDetails.nullable().optional(),
  });

/** payment_intent.succeeded must say what was received. */
export const succeededPaymentIntentObject = paymentIntentObject.extend({ amount_received: z.number().int() });

export const chargeObject = z.object({
  id: z.string().startsWith("ch_").or(z.string().startsWith("py_")),
  object: z.literal("charge").optional(),
  amount: z.number().int(),
  amount_refunded: z.number().int().min(0),
  refunded: z.boolean(),
  currency: z.string(),
  payment_intent: idOrObject.nullable(),
});

export const refundObject = z.object({
  id: z.string().startsWith("re_").or(z.string().startsWith("pyr_")),
  object: z.literal("refund").optional(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  payment_intent: idOrObject.nullable(),
});

export const disputeObject = z.object({
  id: z.string().startsWith("dp_").or(z.string().startsWith("du_")),
  object: z.literal("dispute").optional(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  status: z.string(),
  charge: idOrObject,
  payment_intent: idOrObject.nullable(),
});

export const stripeEventEnvelope = z.object({
  id: z.string().startsWith("evt_"),
  type: z.string(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type CheckoutSessionObject = z.infer<typeof checkoutSessionObject>;
export type PaymentIntentObject = z.infer<typeof paymentIntentObject>;
export type ShippingDetailsObject = z.infer<typeof shippingDetails>;

export function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === "string" ? v : v.id;
}
