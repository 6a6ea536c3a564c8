import { z } from "zod";

/** The parts of Stripe event payloads the shop acts on; everything else is ignored. */

const metadata = z.record(z.string(), z.string()).nullable().optional();

// Only what the shop reads is required; Stripe sends much more, and a field Stripe always sends but
// we do not need must not make a genuine (signed) event fail.
export const checkoutSessionObject = z.object({
  id: z.string().startsWith("cs_"),
  object: z.literal("checkout.session").optional(),
  amount_total: z.number().int().nullable().optional(),
  currency: z.string().nullable().optional(),
  // checkout.session.completed without a payment status is a completed (paid) session.
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]).default("paid"),
  status: z.enum(["open", "complete", "expired"]).nullable().optional(),
  client_reference_id: z.string().nullable().optional(),
  metadata,
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullable().optional(),
  subscription: z.union([z.string(), z.object({ id: z.string() })]).nullable().optional(),
});

export const paymentIntentObject = z.object({
  id: z.string().startsWith("pi_"),
  object: z.literal("payment_intent").optional(),
  amount: z.number().int().optional(),
  amount_received: z.number().int().optional(),
  currency: z.string().optional(),
  status: z.string().optional(),
  metadata,
  last_payment_error: z.object({ message: z.string().optional(), code: z.string().optional() }).nullable().optional(),
  cancellation_reason: z.string().nullable().optional(),
});

export const stripeEventEnvelope = z.object({
  id: z.string().startsWith("evt_"),
  type: z.string(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type CheckoutSessionObject = z.infer<typeof checkoutSessionObject>;
export type PaymentIntentObject = z.infer<typeof paymentIntentObject>;
