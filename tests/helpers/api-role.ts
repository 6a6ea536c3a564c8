import type postgres from "postgres";

class Rollback extends Error {}

/**
 * Runs fn as one of Supabase's API roles with the given JWT subject, the way PostgREST sets up a
 * request (`set local role`, `request.jwt.claims`), then rolls everything back.
 */
export async function asApiRole<T>(
  sql: postgres.Sql,
  role: "anon" | "authenticated",
  sub: string | null,
  fn: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  await sql
    .begin(async (tx) => {
      await tx.unsafe(`set local role ${role}`);
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(sub ? { sub, role } : { role })}, true)`;
      result = await fn(tx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}
