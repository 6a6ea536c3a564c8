/**
 * Runs the Stripe emulator alone: `tsx local/stripe-emulator/cli.ts`.
 * Env: STRIPE_EMULATOR_PORT (12111), STRIPE_EMULATOR_HOST (127.0.0.1), STRIPE_SECRET_KEY,
 * STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET, STRIPE_EMULATOR_PERSIST (.data/stripe.json; "off": memory only),
 * STRIPE_EMULATOR_SETTLE_SECONDS (60), STRIPE_EMULATOR_LOG=1.
 */
import path from "node:path";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { startStripeEmulator } from "./index";

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, "../..");
  const emulator = await startStripeEmulator({
    port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
    host: process.env.STRIPE_EMULATOR_HOST ?? "127.0.0.1",
    secretKey: process.env.STRIPE_SECRET_KEY ?? LOCAL_DEFAULTS.STRIPE_SECRET_KEY,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET,
    webhookUrls: [process.env.STRIPE_WEBHOOK_URL ?? `${LOCAL_DEFAULTS.APP_URL}/api/webhooks/stripe`],
    persistPath: process.env.STRIPE_EMULATOR_PERSIST === "off" ? undefined : path.resolve(root, process.env.STRIPE_EMULATOR_PERSIST ?? ".data/stripe.json"),
    log: process.env.STRIPE_EMULATOR_LOG === "1",
  });
  console.log(`Stripe emulator on ${emulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
