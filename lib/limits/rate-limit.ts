import { db } from "../db";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Old windows are deleted by about one check in this many (no extra statement, no cron needed). */
const SWEEP_ONE_IN = 50;

/**
 * Counts one attempt in every bucket (fixed windows of `windowSeconds`) and says whether all of
 * them are still within `limit`. One statement: an upsert per bucket returning the new count, kept
 * in Postgres so any number of app instances share the counters. Buckets are written in sorted
 * order so two checks sharing buckets cannot deadlock.
 */
export async function hitRateLimit(
  buckets: string[],
  limit: number,
  windowSeconds: number,
  opts: { sweep?: boolean } = {},
): Promise<RateDecision> {
  const keys = [...new Set(buckets)].sort();
  if (limit <= 0 || keys.length === 0) return { allowed: true };
  const sql = db();
  const sweep = (opts.sweep ?? Math.random() * SWEEP_ONE_IN < 1)
    ? sql`, swept as (delete from rate_limit_windows where window_start < now() - make_interval(secs => ${2 * windowSeconds} + 3600))`
    : sql``;
  const rows = await sql<{ hits: number; retry_after: number }[]>`
    with hit as (
      insert into rate_limit_windows as r (bucket, window_start)
      select k.bucket, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})
      from unnest(${keys}::text[]) with ordinality as k(bucket, n) order by k.n
      on conflict (bucket, window_start) do update set hits = r.hits + 1
      returning r.hits, r.window_start
    ) ${sweep}
    select hits, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after
    from hit`;
  const over = rows.filter((r) => r.hits > limit);
  if (over.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, ...over.map((r) => r.retry_after)) };
}
