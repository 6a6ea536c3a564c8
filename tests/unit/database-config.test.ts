import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { poolOptions } from "@/lib/db";
import { isTransactionPooler } from "@/lib/database-url";
import { scopedEnv } from "../helpers/env";

const withEnv = scopedEnv();

const POOLER = "postgres://postgres.abcdefghijklmnop:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";
const SESSION = "postgres://postgres.abcdefghijklmnop:pw@aws-0-eu-west-1.pooler.supabase.com:5432/postgres";
const DIRECT = "postgres://postgres:pw@db.abcdefghijklmnop.supabase.co:5432/postgres";

describe("transaction pooler detection", () => {
  it("recognises Supabase's transaction pooler by its port 6543, not session mode or a direct connection", () => {
    expect(isTransactionPooler(POOLER)).toBe(true);
    expect(isTransactionPooler("postgres://u:p@pgbouncer.internal:6543/postgres")).toBe(true);
    expect(isTransactionPooler(SESSION)).toBe(false);
    expect(isTransactionPooler(DIRECT)).toBe(false);
    expect(isTransactionPooler("postgres://postgres:postgres@127.0.0.1:54322/postgres")).toBe(false);
  });

  it("turns prepared statements off for the pooler and on otherwise, unless DATABASE_PREPARE says", () => {
    const prepare = (DATABASE_URL: string, DATABASE_PREPARE?: string) => {
      withEnv({ NODE_ENV: "development", DATABASE_URL, DATABASE_PREPARE });
      return poolOptions(getEnv()).prepare;
    };
    expect(prepare(POOLER)).toBe(false);
    expect(prepare(SESSION)).toBe(true);
    expect(prepare(DIRECT)).toBe(true);
    expect(prepare(POOLER, "true")).toBe(true);
    expect(prepare(DIRECT, "false")).toBe(false);
  });
});

describe("pool timeouts", () => {
  it("sends statement_timeout 15 s and lock_timeout 5 s by default", () => {
    withEnv({ NODE_ENV: "development", DATABASE_STATEMENT_TIMEOUT_MS: undefined, DATABASE_LOCK_TIMEOUT_MS: undefined });
    expect(poolOptions(getEnv()).connection).toEqual({ statement_timeout: 15_000, lock_timeout: 5_000 });
  });

  it("takes both from the environment and refuses nonsense in one line", () => {
    withEnv({ NODE_ENV: "development", DATABASE_STATEMENT_TIMEOUT_MS: "30000", DATABASE_LOCK_TIMEOUT_MS: "2000" });
    expect(poolOptions(getEnv()).connection).toEqual({ statement_timeout: 30_000, lock_timeout: 2_000 });
    withEnv({ NODE_ENV: "development", DATABASE_LOCK_TIMEOUT_MS: "5s" });
    expect(() => getEnv()).toThrow(/^Invalid environment:\nDATABASE_LOCK_TIMEOUT_MS: /);
  });

  it("sets them per transaction only behind a transaction pooler, which does not pass startup settings on", () => {
    withEnv({ NODE_ENV: "development", DATABASE_URL: POOLER });
    expect(getEnv().databaseIsTransactionPooler).toBe(true);
    withEnv({ NODE_ENV: "development", DATABASE_URL: SESSION });
    expect(getEnv().databaseIsTransactionPooler).toBe(false);
  });
});
