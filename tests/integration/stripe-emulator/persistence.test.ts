import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emulatorStripe } from "../../../local/stripe-emulator/client";
import { startStripeEmulator } from "../../../local/stripe-emulator/index";
import { Persister, type PersistedFile } from "../../../local/stripe-emulator/persist";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-emulator-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  it("reloads objects, events, idempotency keys and the clock from persistPath after a restart", async () => {
    const file = path.join(dir, "nested", "stripe.json");
    const first = await startStripeEmulator({ port: 0, webhookUrls: [], persistPath: file });
    const stripe = emulatorStripe(first.url);
    const product = await stripe.products.create({ name: "Kept" });
    const price = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 999 });
    const session = await stripe.checkout.sessions.create(
      { mode: "payment", success_url: "http://x/ok", line_items: [{ price: price.id, quantity: 2 }] },
      { idempotencyKey: "persisted-key" },
    );
    await fetch(`${first.url}/_emulator/clock/advance`, { method: "POST", body: JSON.stringify({ seconds: 60 }) });
    await first.close();
    expect(fs.existsSync(file)).toBe(true);

    const second = await startStripeEmulator({ port: 0, webhookUrls: [], persistPath: file });
    const again = emulatorStripe(second.url);
    expect((await again.products.retrieve(product.id)).name).toBe("Kept");
    const lines = await again.checkout.sessions.listLineItems(session.id);
    expect(lines.data[0]?.amount_total).toBe(1998);
    const replay = await again.checkout.sessions.create(
      { mode: "payment", success_url: "http://x/ok", line_items: [{ price: price.id, quantity: 2 }] },
      { idempotencyKey: "persisted-key" },
    );
    expect(replay.id).toBe(session.id);
    const clock = (await (await fetch(`${second.url}/_emulator/clock`)).json()) as { offset_seconds: number };
    expect(clock.offset_seconds).toBe(60);
    await second.close();
  });

  it("moves an unreadable file aside and starts empty", async () => {
    const file = path.join(dir, "broken.json");
    fs.writeFileSync(file, "{not json");
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const emulator = await startStripeEmulator({ port: 0, webhookUrls: [], persistPath: file });
      const list = await emulatorStripe(emulator.url).products.list();
      expect(list.data).toEqual([]);
      await emulator.close();
    } finally {
      console.warn = warn;
    }
    expect(fs.readdirSync(dir).some((f) => f.startsWith("broken.json.corrupt-"))).toBe(true);
  });
});

describe("Persister pacing", () => {
  const big = (n: number) => ({ state: { version: 1, blob: "x".repeat(n) }, idempotency: [] }) as unknown as PersistedFile;

  it("waits longer between snapshots when a snapshot is expensive, and flush still writes at once", async () => {
    const file = path.join(dir, "paced.json");
    let size = 10;
    const persister = new Persister(file, () => big(size), 250, 20, 5_000);
    persister.flush();
    persister.flush(); // warm: the first write also creates the directory
    const small = persister.nextDelayMs;
    expect(small).toBeGreaterThanOrEqual(250);
    size = 50_000_000; // a snapshot that takes tens of milliseconds to serialise and write
    persister.flush();
    const large = persister.nextDelayMs;
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThanOrEqual(5_000);
    expect(fs.statSync(file).size).toBeGreaterThan(50_000_000);
    size = 10;
    persister.flush();
    expect(JSON.parse(fs.readFileSync(file, "utf8")).state.blob).toBe("x".repeat(10));
    expect(persister.nextDelayMs).toBeLessThan(large);
  });
});
