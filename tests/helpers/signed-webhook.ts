import Stripe from "stripe";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";

/** A webhook body and Stripe-Signature header made the way Stripe makes them. */
export function signedWebhook(payload: object, opts: { secret?: string; timestamp?: number } = {}): { body: string; signature: string } {
  const body = JSON.stringify(payload);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: opts.secret ?? LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET,
    timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return { body, signature };
}
