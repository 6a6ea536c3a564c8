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
