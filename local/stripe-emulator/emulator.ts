import Stripe from "stripe";
import { FaultInjector } from "./faults";
import { IdempotencyStore } from "./idempotency";
import { newId } from "./ids";
import { emptyState, type State } from "./state";
import { WebhookDispatcher } from "./webhooks";

export interface EmulatorConfig {
  secretKey: string;
  webhookSecret: string;
  webhookUrls: string[];
  /** The endpoints' `enabled_events`; default every type (`["*"]`). */
  webhookEnabledEvents?: string[];
  retryDelaysMs: number[];
  /** Emulator seconds after which a delayed (bank debit) payment settles by itself. */
  settleSeconds: number;
  log: boolean;
}

/** Which API request caused a change (null for the pay page, timers and clock moves). */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotencyKey: null };

/** The event types this emulator emits, with the object each carries. */
export interface EventObjects {
  "payment_intent.created": Stripe.PaymentIntent;
  "payment_intent.succeeded": Stripe.PaymentIntent;
  "payment_intent.payment_failed": Stripe.PaymentIntent;
  "payment_intent.canceled": Stripe.PaymentIntent;
  "payment_intent.processing": Stripe.PaymentIntent;
  "checkout.session.completed": Stripe.Checkout.Session;
  "checkout.session.expired": Stripe.Checkout.Session;
  "checkout.session.async_payment_succeeded": Stripe.Checkout.Session;
  "checkout.session.async_payment_failed": Stripe.Checkout.Session;
  "refund.created": Stripe.Refund;
  "charge.refunded": Stripe.Charge;
  "charge.dispute.created": Stripe.Dispute;
  "charge.dispute.closed": Stripe.Dispute;
  "customer.subscription.created": Stripe.Subscription;
}
export type EmittedEventType = keyof EventObjects;

/** The emulator's state and services; handlers receive it. */
export class Emulator {
  state: State = emptyState();
  /** Public base URL, known once the server listens. */
  baseUrl = "";
  readonly idempotency = new IdempotencyStore(() => this.nowMs());
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;
  /** `apiKey + Idempotency-Key` of dropped requests: the SDK's retries of them are dropped too. */
  readonly droppedKeys = new Set<string>();
  /** Set by index.ts: persists and re-checks expiry. */
  onChange: () => void = () => undefined;
  /** Set by index.ts: expires sessions and settles delayed payments whose time has come. */
  expireDue: () => void = () => undefined;

  constructor(readonly config: EmulatorConfig) {
    this.webhooks = new WebhookDispatcher(
      {
        urls: config.webhookUrls,
        enabledEvents: config.webhookEnabledEvents,
        secret: config.webhookSecret,
        retryDelaysMs: config.retryDelaysMs,
        log: config.log ? (line) => this.log(line) : undefined,
      },
      (eventId, pending) => {
        const event = this.state.events.get(eventId);
        if (event) event.pending_webhooks = pending;
        this.onChange();
      },
    );
  }

  /** The emulator's notion of now, in Unix seconds (moved by `/_emulator/clock/advance`). */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  nowMs(): number {
    return Date.now() + this.state.clockOffsetSeconds * 1000;
  }

  emit<T extends EmittedEventType>(type: T, object: EventObjects[T], request: RequestInfo): Stripe.Event {
    // The union of typed events cannot be narrowed from a generic `type`; the map above keeps it honest.
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: this.webhooks.receives(type) ? this.webhooks.urls.length : 0,
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      type,
    } as Stripe.Event;
    this.state.events.set(event.id, event);
    this.webhooks.enqueue(event);
    this.log(`event ${type} ${event.id}`);
    return event;
  }

  reset(): void {
    this.state = emptyState();
    this.idempotency.clear();
    this.faults.clear();
    this.droppedKeys.clear();
    this.webhooks.reset();
    this.webhooks.urls = [...this.config.webhookUrls];
    this.webhooks.enabledEvents = [...(this.config.webhookEnabledEvents ?? ["*"])];
    this.webhooks.mode = "normal";
    this.webhooks.paused = false;
    this.onChange();
  }

  log(line: string): void {
    if (this.config.log) console.log(`[stripe-emulator] ${line}`);
  }
}
