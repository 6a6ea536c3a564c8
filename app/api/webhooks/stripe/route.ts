import Stripe from "stripe";
import { ZodError } from "zod";
import { getEnv } from "@/lib/env";
import { stripe } from "@/lib/stripe/client";
import { handleStripeEvent } from "@/lib/orders/stripe-events";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const TOLERANCE_SECONDS = 300;

export async function POST(request: Request): Promise<Response> {
  const signature = request.headers.get("stripe-signature");
  const body = await request.text();
  if (!signature) return Response.json({ error: "Missing Stripe-Signature header" }, { status: 400 });
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(body, signature, getEnv().STRIPE_WEBHOOK_SECRET, TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      return Response.json({ error: "Invalid signature" }, { status: 400 });
    }
    logError("webhook verify", error);
    return Response.json({ error: "Invalid payload" }, { status: 400 });
  }
  try {
    const outcome = await handleStripeEvent(event);
    return Response.json({ received: true, outcome });
  } catch (error) {
    if (error instanceof ZodError) {
      // Signed by Stripe but not a shape we can act on: retrying will not help.
      logError(`webhook ${event.type} ${event.id} payload`, error);
      return Response.json({ error: "Unexpected event payload" }, { status: 400 });
    }
    // 500 makes Stripe retry later; nothing was committed.
    logError(`webhook ${event.type} ${event.id}`, error);
    return Response.json({ error: "Webhook handling failed" }, { status: 500 });
  }
}
