import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db, poolOptions, setTransactionTimeouts, type Tx } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { scopedEnv } from "../../helpers/env";

const withEnv = scopedEnv();
const pools: postgres.Sql[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
  await closeDb();
});

/** A pool of one connection built exactly like the app's, from the current environment. */
function poolFromEnv(): postgres.Sql {
  const env = getEnv();
  const sql = postgres(env.DATABASE_URL, { ...poolOptions(env), max: 1 }) as unknown as postgres.Sql;
  pools.push(sql);
  return sql;
}

describe("the pool's timeouts reach Postgres", () => {
  it("every connection starts with statement_timeout 15 s and lock_timeout 5 s", async () => {
    const [row] = await db()<{ statement_timeout: string; lock_timeout: string }[]>`
      select current_setting('statement_timeout') as statement_timeout, current_setting('lock_timeout') as lock_timeout`;
    expect(row).toEqual({ statement_timeout: "15s", lock_timeout: "5s" });
  });

  it("a statement waiting on a row lock gives up after lock_timeout instead of queueing", async () => {
    withEnv({ DATABASE_LOCK_TIMEOUT_MS: "300" });
    const waiter = poolFromEnv();
    const holder = poolFromEnv();
    const [row] = await holder<{ id: number }[]>`insert into products (slug, name, description, image, image_alt)
      values (${`test-lock-${Date.now()}`}, 'Lock test', 'fixture', '/images/ceramic-mug.svg', 'fixture') returning id`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = holder.begin(async (tx) => {
      await tx`select id from products where id = ${row!.id} for update`;
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    const error = await waiter`update products set name = 'waited' where id = ${row!.id}`.then(() => null, (e: unknown) => e);
    release();
    await holding;
    expect(error).toMatchObject({ code: "55P03" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a long statement is cancelled after statement_timeout", async () => {
    withEnv({ DATABASE_STATEMENT_TIMEOUT_MS: "200" });
    const error = await poolFromEnv()`select pg_sleep(2)`.then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: "57014" });
  });

  it("behind a transaction pooler they are set per transaction, and end with it", async () => {
    withEnv({ DATABASE_STATEMENT_TIMEOUT_MS: "1234", DATABASE_LOCK_TIMEOUT_MS: "0" });
    const sql = poolFromEnv();
    await sql`set statement_timeout = 0`;
    await sql`set lock_timeout = '7s'`;
    const inside = await sql.begin(async (tx) => {
      await setTransactionTimeouts(tx as unknown as Tx, getEnv());
      const [r] = await tx<{ s: string; l: string }[]>`select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l`;
      return r;
    });
    expect(inside).toEqual({ s: "1234ms", l: "7s" }); // 0 keeps what the connection had
    const [after] = await sql<{ s: string }[]>`select current_setting('statement_timeout') as s`;
    expect(after!.s).toBe("0");
  });
});
