import Stripe from "stripe";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";

/** The official SDK pointed at an emulator URL (no automatic retries, so tests see every failure). */
export function emulatorStripe(url: string, key: string = LOCAL_DEFAULTS.STRIPE_SECRET_KEY): Stripe {
  const u = new URL(url);
  const protocol = u.protocol === "https:" ? "https" : "http";
  return new Stripe(key, {
    host: u.hostname,
    port: Number(u.port || (protocol === "https" ? 443 : 80)),
    protocol,
    maxNetworkRetries: 0,
  });
}
