import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStandInSchema } from "../../../local/auth/schema";
import { setupAuthTests, type AuthTestEnv } from "./setup";

let env: AuthTestEnv;

beforeAll(async () => {
  env = await setupAuthTests();
  await env.startServer(); // makes the stand-in's schema once
});
afterAll(() => env?.stop());

describe("the auth stand-in's schema at start-up", () => {
  it("takes no lock on auth tables when it is already there (a stand-in starting never blocks another one's requests)", async () => {
    const holder = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined });
    const starting = postgres(env.databaseUrl, { max: 1, onnotice: () => undefined, connection: { lock_timeout: 500 } });
    try {
      await holder.begin(async (tx) => {
        // What a running stand-in's transaction holds while it writes tokens: row locks on these tables.
        await tx`lock table auth.users, auth.one_time_tokens, auth.flow_state in row exclusive mode`;
        await expect(ensureStandInSchema(starting)).resolves.toBeUndefined();
      });
    } finally {
      await holder.end();
      await starting.end();
    }
  });
});
