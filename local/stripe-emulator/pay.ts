import type Stripe from "stripe";
import type { PayerInput } from "./addresses";
import { paySession } from "./checkout-complete";
import type { Emulator, RequestInfo } from "./emulator";
import { invalidRequest, resourceMissing } from "./errors";
import { confirmIntent, getIntent } from "./payment-intents";

export interface PayResult {
  object: Stripe.Checkout.Session | Stripe.PaymentIntent;
  redirectUrl: string | null;
}

/** Stripe's redirect back after a PaymentIntent payment: the three query params it appends. */
export function intentRedirect(pi: Stripe.PaymentIntent, returnUrl: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set("payment_intent", pi.id);
  if (pi.client_secret) url.searchParams.set("payment_intent_client_secret", pi.client_secret);
  const status = pi.status === "succeeded" || pi.status === "processing" ? pi.status : "failed";
  url.searchParams.set("redirect_status", status);
  return url.toString();
}

function payIntent(emu: Emulator, id: string, paymentMethod: string, returnUrl: string | undefined, req: RequestInfo): PayResult {
  const pi = getIntent(emu, id);
  if (pi.status === "succeeded" || pi.status === "canceled") {
    throw invalidRequest(`This PaymentIntent has a status of ${pi.status} and can no longer be paid.`, undefined, "payment_intent_unexpected_state");
  }
  if (returnUrl) emu.state.intentReturnUrls.set(pi.id, returnUrl);
  confirmIntent(emu, pi, paymentMethod, req);
  const target = returnUrl ?? emu.state.intentReturnUrls.get(pi.id);
  return { object: pi, redirectUrl: target ? intentRedirect(pi, target) : null };
}

/** What the pay page's Pay button does, for a `cs_…` or a `pi_…`. Throws Stripe-shaped errors. */
export function pay(emu: Emulator, id: string, paymentMethod: string, returnUrl: string | undefined, req: RequestInfo, payer: PayerInput = {}): PayResult {
  if (id.startsWith("cs_")) {
    const { session, redirectUrl } = paySession(emu, id, paymentMethod, req, payer);
    return { object: session, redirectUrl };
  }
  if (id.startsWith("pi_")) return payIntent(emu, id, paymentMethod, returnUrl, req);
  throw resourceMissing("payable object", id, "id");
}
