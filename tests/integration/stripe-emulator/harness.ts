import { afterAll, beforeAll, beforeEach } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import { LOCAL_DEFAULTS } from "../../../lib/env-defaults";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from "../../../local/stripe-emulator/index";
import { eventually } from "../../helpers/eventually";
import { lateBound } from "../../helpers/late-bound";

export const WEBHOOK_SECRET = LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET;

export interface ReceivedWebhook {
  body: string;
  signature: string;
  event: Stripe.Event;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status to answer for the nth request (0-based); default 200. */
  respond: (index: number, event: Stripe.Event) => number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    received: [],
    respond: () => 200,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as Stripe.Event;
      const index = receiver.received.length;
      receiver.received.push({ body, signature: String(req.headers["stripe-signature"] ?? ""), event });
      const status = receiver.respond(index, event);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ received: status < 300 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return receiver;
}

export interface Harness {
  emulator: StripeEmulator;
  stripe: Stripe;
  receiver: Receiver | null;
  control<T = Record<string, unknown>>(path: string, body?: unknown, method?: string): Promise<{ status: number; json: T }>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { webhooks?: boolean } & Omit<StripeEmulatorOptions, "port" | "webhookUrls"> = {},
): Promise<Harness> {
  const receiver = opts.webhooks ? await startReceiver() : null;
  const emulator = await startStripeEmulator({
    retryDelaysMs: [20, 40, 80],
    ...opts,
    port: 0,
    webhookUrls: receiver ? [receiver.url] : [],
  });
  return {
    emulator,
    stripe: emulatorStripe(emulator.url),
    receiver,
    async control<T>(path: string, body?: unknown, method?: string) {
      const res = await fetch(`${emulator.url}${path}`, {
        method: method ?? (body === undefined ? "GET" : "POST"),
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
    },
    async close() {
      await emulator.close();
      await receiver?.close();
    },
  };
}

/** One emulator (and receiver, with `webhooks`) for a test file, closed after it. */
export function harnessSuite(opts: Parameters<typeof startHarness>[0] = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(opts);
  });
  afterAll(async () => {
    await started?.close();
  });
  return lateBound(() => started, "the emulator harness");
}

/**
 * The hooks of a file whose tests receive webhooks: before each test the emulator is reset, its
 * webhooks point at the receiver again (a test may have paused or redirected them), the receiver's
 * log is emptied and it answers 200.
 */
export function webhookSuite(opts: Parameters<typeof startHarness>[0] = {}): Harness {
  const h = harnessSuite({ webhooks: true, ...opts });
  beforeEach(async () => {
    await h.control("/_emulator/reset", {});
    await h.control("/_emulator/webhooks", { urls: [h.receiver!.url], deliveryMode: "normal", paused: false });
    h.receiver!.received.length = 0;
    h.receiver!.respond = () => 200;
  });
  return h;
}

/** Polls quickly: the emulator answers in-process. */
export function waitFor<T>(fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  return eventually(fn, timeoutMs, 10);
}

/**
 * A file's one-line Checkout Sessions: a 12.00 EUR "Scarf" price made once before the file's tests;
 * each call opens a new payment session for one of it.
 */
export function scarfSessions(h: Harness): () => Promise<Stripe.Checkout.Session> {
  let price: Stripe.Price | undefined;
  beforeAll(async () => {
    price = await createPrice(h.stripe, 1200, { name: "Scarf", currency: "eur" });
  });
  return () =>
    h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://shop.test/ok", line_items: [{ price: price!.id, quantity: 1 }] });
}

export async function createPrice(
  stripe: Stripe,
  unitAmount: number,
  opts: { name?: string; currency?: string; recurring?: Stripe.PriceCreateParams.Recurring } = {},
): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: opts.name ?? `Product ${unitAmount}` });
  return stripe.prices.create({
    product: product.id,
    currency: opts.currency ?? "usd",
    unit_amount: unitAmount,
    ...(opts.recurring ? { recurring: opts.recurring } : {}),
  });
}

/** Captures the error a promise rejects with (fails if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error("expected the call to fail");
}
