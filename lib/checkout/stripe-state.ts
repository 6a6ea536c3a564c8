import { stripe } from "../stripe/client";

/** What Stripe holds for a Checkout Session: quantity per line item id, and the shipping charged. */
export interface SessionState {
  status: string | null;
  lines: Map<string, number>;
  shipping: number;
  /** `collected_information.shipping_details` as Stripe holds it (seed 003), null when none. */
  address?: { name: string; line1: string | null; postal_code: string | null; country: string | null } | null;
}

export async function readSessionState(sessionId: string): Promise<SessionState> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const details = session.collected_information?.shipping_details;
  const state: SessionState = {
    status: session.status,
    lines: new Map(),
    shipping: session.total_details?.amount_shipping ?? 0,
    address: details ? { name: details.name, line1: details.address.line1, postal_code: details.address.postal_code, country: details.address.country } : null,
  };
  for await (const li of stripe().checkout.sessions.listLineItems(sessionId, { limit: 100 })) {
    state.lines.set(li.id, li.quantity ?? 0);
  }
  return state;
}

/** Does Stripe hold exactly these lines (by line item id) and this shipping amount? */
export function sameAsStripe(stripeState: SessionState, lines: { lineItemId: string | null; quantity: number }[], shipping: number): boolean {
  return (
    shipping === stripeState.shipping &&
    lines.length === stripeState.lines.size &&
    lines.every((l) => l.lineItemId !== null && stripeState.lines.get(l.lineItemId) === l.quantity)
  );
}
