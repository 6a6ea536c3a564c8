import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { resetEnvCache } from "@/lib/env";
import { resetStripeClient } from "@/lib/stripe/client";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { startStripeEmulator } from "@/local/stripe-emulator";
export { eventually } from "./eventually";

export interface StripeStack {
  url: string;
  stripe: Stripe;
  control<T = any>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The Stripe emulator for one test file, delivering webhooks straight into our route handler
 * (through a real HTTP hop, so signatures are checked on the raw body).
 */
export async function startStripeStack(): Promise<StripeStack> {
  const receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await webhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", headers, body: Buffer.concat(chunks) }));
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  const emulator = await startStripeEmulator({ port: 0, webhookUrls: [hookUrl], retryDelaysMs: [50, 100, 200, 400] });
  process.env.STRIPE_API_URL = emulator.url;
  delete process.env.STRIPE_SECRET_KEY;
  resetEnvCache();
  resetStripeClient();
  const u = new URL(emulator.url);
  const stripe = new Stripe(LOCAL_DEFAULTS.STRIPE_SECRET_KEY, { host: u.hostname, port: Number(u.port), protocol: "http", maxNetworkRetries: 0 });
  return {
    url: emulator.url,
    stripe,
    async control(path, body) {
      const res = await fetch(`${emulator.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return (text ? JSON.parse(text) : null) as never;
    },
    async close() {
      await emulator.close();
      await new Promise<void>((r) => receiver.close(() => r()));
    },
  };
}

/** POSTs a JSON body to an emulator control route; throws with the answer unless it is 2xx. */
async function controlOk<T>(stack: Pick<StripeStack, "url">, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${stack.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface SettledPayment {
  payment_intent: string;
  checkout_session: string | null;
  outcome: "succeeded" | "failed";
}

/** Settles now the delayed bank debit behind a `cs_…`/`pi_…` (paid with pm_delayed_succeeds|fails), or all of them. */
export async function settlePayments(stack: Pick<StripeStack, "url">, target: { id: string } | { all: true }): Promise<SettledPayment[]> {
  return (await controlOk<{ settled: SettledPayment[] }>(stack, "/_emulator/settle", target)).settled;
}

/** Opens a dispute on a succeeded PaymentIntent's charge (emits charge.dispute.created). */
export function openDispute(stack: Pick<StripeStack, "url">, paymentIntent: string, reason?: string): Promise<Stripe.Dispute> {
  return controlOk(stack, "/_emulator/disputes", { payment_intent: paymentIntent, ...(reason ? { reason } : {}) });
}

/** Closes a dispute as won or lost (emits charge.dispute.closed). */
export function closeDispute(stack: Pick<StripeStack, "url">, disputeId: string, status: "won" | "lost"): Promise<Stripe.Dispute> {
  return controlOk(stack, `/_emulator/disputes/${disputeId}/close`, { status });
}

/** Queues a fault for the next `count` calls of an operation (see local/stripe-emulator/control.ts). */
export function injectFault(
  stack: Pick<StripeStack, "url">,
  fault: { operation: string; count?: number; mode?: "error" | "drop" | "drop_after" | "delay"; delay_ms?: number; error?: Record<string, unknown> },
): Promise<unknown> {
  return controlOk(stack, "/_emulator/faults", fault);
}
