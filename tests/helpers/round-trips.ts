import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startRoundTripCounter } from "../bench/pg-counter";

export type RoundTripCounter = Awaited<ReturnType<typeof startRoundTripCounter>>;

/**
 * Routes this test file's database pool through the benchmark's counting relay, with one warm
 * connection (no connection start-up in the counts). `then` runs after the relay is in place.
 */
export function countedDatabase(then: () => Promise<void> = async () => undefined): { counter: RoundTripCounter } {
  const holder = {} as { counter: RoundTripCounter };
  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    holder.counter = await startRoundTripCounter({ host: url.hostname, port: Number(url.port) });
    url.port = String(holder.counter.port);
    process.env.DATABASE_URL = url.toString();
    process.env.DATABASE_POOL_MAX = "1";
    resetEnvCache();
    await then();
  });
  afterAll(async () => {
    await db().end();
    await holder.counter.close();
  });
  return holder;
}
