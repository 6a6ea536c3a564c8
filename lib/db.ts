import postgres from "postgres";
import { getEnv } from "./env";

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or an open transaction: lib functions take this so callers choose the scope. */
export type Db = Sql | Tx;

const globalForDb = globalThis as unknown as { __shopSql?: Sql };

/** The one Postgres pool of this process (kept across Next dev hot reloads). */
export function db(): Sql {
  if (!globalForDb.__shopSql) {
    const env = getEnv();
    globalForDb.__shopSql = postgres(env.DATABASE_URL, {
      max: env.DATABASE_POOL_MAX,
      // Supabase's pooler in transaction mode cannot keep prepared statements.
      prepare: env.DATABASE_PREPARE === "true",
      idle_timeout: 30,
      connect_timeout: 10,
      onnotice: () => undefined,
      // int8 ids and counts stay far below 2^53 here: read them as plain numbers.
      types: {
        bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
      },
      transform: { undefined: null },
    });
  }
  return globalForDb.__shopSql;
}

/** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().begin(fn) as Promise<T>;
}

/** Closes the pool (scripts and tests). */
export async function closeDb(): Promise<void> {
  const sql = globalForDb.__shopSql;
  globalForDb.__shopSql = undefined;
  if (sql) await sql.end({ timeout: 5 });
}
