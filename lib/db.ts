import postgres from "postgres";
import { getEnv, type Env } from "./env";

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or an open transaction: lib functions take this so callers choose the scope. */
export type Db = Sql | Tx;

const globalForDb = globalThis as unknown as { __shopSql?: Sql };

/**
 * The pool's options from the environment. statement_timeout and lock_timeout go in the startup
 * message (postgres.js `connection` option), so they cost no round trip; a transaction pooler does
 * not pass them on (lib/database-url.ts), so there transaction() sets them per transaction too.
 */
export function poolOptions(env: Env) {
  return {
    max: env.DATABASE_POOL_MAX,
    prepare: env.databasePrepare,
    idle_timeout: 30,
    connect_timeout: 10,
    // Milliseconds. postgres.js leaves out a 0, so 0 keeps the server's (or role's) own setting.
    connection: {
      statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lock_timeout: env.DATABASE_LOCK_TIMEOUT_MS,
    },
    onnotice: () => undefined,
    // int8 ids and counts stay far below 2^53 here: read them as plain numbers.
    types: {
      bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
    },
    transform: { undefined: null },
  } satisfies postgres.Options<Record<string, postgres.PostgresType>>;
}

/** The one Postgres pool of this process (kept across Next dev hot reloads). */
export function db(): Sql {
  if (!globalForDb.__shopSql) {
    const env = getEnv();
    globalForDb.__shopSql = postgres(env.DATABASE_URL, poolOptions(env)) as unknown as Sql;
  }
  return globalForDb.__shopSql;
}

/**
 * A hot statement whose text is fixed: built once, sent with its parameters ($1, $2, …) and
 * prepared per connection when the pool prepares (lib/env.ts databasePrepare). postgres.js
 * rebuilds a tagged template's nested fragments (sql`…${sql`…`}…`, sql.unsafe(…) inside sql`…`) on
 * every call, which measured about 50 µs of CPU per query on the cart's reads; a fixed text skips
 * that. Use it where a statement is on every request's path.
 */
export function fixedStatement<T extends object>(text: string) {
  return (conn: Db, params: unknown[]): Promise<T[]> =>
    conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: getEnv().databasePrepare }) as unknown as Promise<T[]>;
}

/** SET LOCAL equivalents: they end with the transaction, so they are safe in transaction mode. */
export async function setTransactionTimeouts(tx: Tx, env: Env): Promise<void> {
  // One round trip; 0 keeps the current value, as it does in the startup message.
  await tx`select
    set_config('statement_timeout', coalesce(nullif(${String(env.DATABASE_STATEMENT_TIMEOUT_MS)}, '0'), current_setting('statement_timeout')), true),
    set_config('lock_timeout', coalesce(nullif(${String(env.DATABASE_LOCK_TIMEOUT_MS)}, '0'), current_setting('lock_timeout')), true)`;
}

/** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const env = getEnv();
  if (!env.databaseIsTransactionPooler) return db().begin(fn) as Promise<T>;
  return db().begin(async (tx) => {
    await setTransactionTimeouts(tx, env);
    return fn(tx);
  }) as Promise<T>;
}

/** Closes the pool (scripts and tests). */
export async function closeDb(): Promise<void> {
  const sql = globalForDb.__shopSql;
  globalForDb.__shopSql = undefined;
  if (sql) await sql.end({ timeout: 5 });
}
