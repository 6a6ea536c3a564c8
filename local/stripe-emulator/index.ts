import http from "node:http";
import type { AddressInfo } from "node:net";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { expireDueSessions } from "./checkout-sessions";
import { Emulator } from "./emulator";
import { loadPersisted, Persister } from "./persist";
import { requestListener } from "./server";
import { settleDuePayments } from "./settlement";
import { deserializeState, serializeState } from "./state";

export interface StripeEmulatorOptions {
  /** 0 picks a free port. Default 12111. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  secretKey?: string;
  webhookSecret?: string;
  /** Default `[STRIPE_WEBHOOK_URL ?? "http://127.0.0.1:3000/api/webhooks/stripe"]`. */
  webhookUrls?: string[];
  /** The endpoints' `enabled_events`, as configured at Stripe. Default every type (`stripe listen` forwards all). */
  webhookEnabledEvents?: string[];
  /** JSON file to load at start and write (debounced) after changes. */
  persistPath?: string;
  /** Webhook retry backoff; one retry per entry. Default [1000, 5000, 30000, 120000]. */
  retryDelaysMs?: number[];
  /**
   * Emulator seconds after which a delayed bank debit (`pm_delayed_*`) settles by itself.
   * Default `STRIPE_EMULATOR_SETTLE_SECONDS`, else 60.
   */
  settleSeconds?: number;
  /** Base URL used in session `url`s when the emulator is reached through another address. */
  publicUrl?: string;
  log?: boolean;
}

export interface StripeEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

function settleSecondsFromEnv(): number {
  const raw = process.env.STRIPE_EMULATOR_SETTLE_SECONDS;
  if (raw === undefined || raw.trim() === "") return 60;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`STRIPE_EMULATOR_SETTLE_SECONDS must be a whole number of seconds, got "${raw}"`);
  return seconds;
}

export async function startStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const emu = new Emulator({
    secretKey: opts.secretKey ?? LOCAL_DEFAULTS.STRIPE_SECRET_KEY,
    webhookSecret: opts.webhookSecret ?? LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET,
    webhookUrls: opts.webhookUrls ?? [process.env.STRIPE_WEBHOOK_URL ?? "http://127.0.0.1:3000/api/webhooks/stripe"],
    webhookEnabledEvents: opts.webhookEnabledEvents,
    retryDelaysMs: opts.retryDelaysMs ?? [1000, 5000, 30000, 120000],
    settleSeconds: opts.settleSeconds ?? settleSecondsFromEnv(),
    log: opts.log ?? false,
  });

  let persister: Persister | null = null;
  if (opts.persistPath) {
    const loaded = loadPersisted(opts.persistPath);
    if (loaded) {
      emu.state = deserializeState(loaded.state);
      emu.idempotency.load(loaded.idempotency ?? []);
    }
    persister = new Persister(opts.persistPath, () => ({ state: serializeState(emu.state), idempotency: emu.idempotency.toJSON() }));
  }
  emu.onChange = () => persister?.schedule();
  emu.expireDue = () => {
    if (expireDueSessions(emu) + settleDuePayments(emu) > 0) emu.onChange();
  };

  const server = http.createServer(requestListener(emu));
  // Longer than the SDK agent's idle sockets live, so a reused socket is not closed under a request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 12111, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${displayHost}:${port}`;
  emu.baseUrl = opts.publicUrl?.replace(/\/$/, "") ?? url;
  emu.log(`listening on ${url}`);

  const ticker = setInterval(() => emu.expireDue(), 1000);
  ticker.unref();

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(ticker);
        emu.webhooks.close();
        persister?.flush();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
