import type Stripe from "stripe";

/** Emulator-only facts about a Checkout Session that the Stripe object does not carry. */
export interface SessionRecord {
  session: Stripe.Checkout.Session;
  lineItems: Stripe.LineItem[];
  paymentIntentData: { metadata: Record<string, string>; description: string | null };
  subscriptionMetadata: Record<string, string>;
  /** The PaymentIntent of an earlier declined attempt, reused on the next one (as Checkout does). */
  attemptPaymentIntent: string | null;
}

/**
 * A delayed-notification payment (bank debit) waiting to settle. Keyed by PaymentIntent id; the
 * Checkout Session it belongs to, if any, is found through the session's `payment_intent`.
 */
export interface PendingSettlement {
  payment_intent: string;
  outcome: "succeeds" | "fails";
  /** Emulator time (Unix seconds) at which it settles by itself. */
  settle_at: number;
}

/** Everything the emulator knows. Maps keep insertion order, which list endpoints rely on. */
export interface State {
  clockOffsetSeconds: number;
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
  customers: Map<string, Stripe.Customer>;
  paymentMethods: Map<string, Stripe.PaymentMethod>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  /** Where `/pay/pi_…` sends the payer back when no `return_url` query is given. */
  intentReturnUrls: Map<string, string>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  disputes: Map<string, Stripe.Dispute>;
  settlements: Map<string, PendingSettlement>;
  shippingRates: Map<string, Stripe.ShippingRate>;
  sessions: Map<string, SessionRecord>;
  subscriptions: Map<string, Stripe.Subscription>;
  events: Map<string, Stripe.Event>;
}

export function emptyState(): State {
  return {
    clockOffsetSeconds: 0,
    products: new Map(),
    prices: new Map(),
    customers: new Map(),
    paymentMethods: new Map(),
    paymentIntents: new Map(),
    intentReturnUrls: new Map(),
    charges: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    settlements: new Map(),
    shippingRates: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    events: new Map(),
  };
}

type MapKeys = { [K in keyof State]: State[K] extends Map<string, unknown> ? K : never }[keyof State];
const MAP_KEYS: MapKeys[] = [
  "products",
  "prices",
  "customers",
  "paymentMethods",
  "paymentIntents",
  "intentReturnUrls",
  "charges",
  "refunds",
  "disputes",
  "settlements",
  "shippingRates",
  "sessions",
  "subscriptions",
  "events",
];

export interface SerializedState {
  version: 1;
  clockOffsetSeconds: number;
  maps: Record<string, [string, unknown][]>;
}

export function serializeState(state: State): SerializedState {
  const maps: Record<string, [string, unknown][]> = {};
  for (const key of MAP_KEYS) maps[key] = [...state[key].entries()];
  return { version: 1, clockOffsetSeconds: state.clockOffsetSeconds, maps };
}

/** Trusts the file's shapes: it is the emulator's own output. */
export function deserializeState(data: SerializedState): State {
  const state = emptyState();
  if (data.version !== 1) return state;
  state.clockOffsetSeconds = Number(data.clockOffsetSeconds) || 0;
  for (const key of MAP_KEYS) {
    const entries = data.maps[key] ?? [];
    const target = state[key] as Map<string, unknown>;
    for (const [id, value] of entries) target.set(id, value);
  }
  return state;
}
