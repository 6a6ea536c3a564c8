import { db, type Db } from "../db";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Old windows are deleted by about one check in this many (no extra statement, no cron needed). */
const SWEEP_ONE_IN = 50;

/** What one check counts: every bucket once, against `limit` per fixed window of `windowSeconds`. */
export interface RateCheck {
  buckets: string[];
  limit: number;
  windowSeconds: number;
  sweep?: boolean;
}

export interface RateHit {
  hits: number;
  retry_after: number;
}

/** The buckets a check writes, sorted (so two checks sharing buckets cannot deadlock); [] when nothing is limited. */
function keysOf(check: RateCheck): string[] {
  return check.limit <= 0 ? [] : [...new Set(check.buckets)].sort();
}

/**
 * The check as SQL: an upsert per bucket returning its new count and the seconds left in its
 * window, as the CTE `hit` (plus, now and then, a sweep of old windows). The caller's statement
 * selects from `hit`, so a check can share a round trip with the reads that follow it.
 * null: nothing is limited (no statement needed).
 */
export function rateHitCte(sql: Db, check: RateCheck) {
  const keys = keysOf(check);
  if (keys.length === 0) return null;
  const { windowSeconds } = check;
  const sweep = (check.sweep ?? Math.random() * SWEEP_ONE_IN < 1)
    ? sql`, swept as (delete from rate_limit_windows where window_start < now() - make_interval(secs => ${2 * windowSeconds} + 3600))`
    : sql``;
  return sql`
    hit_row as (
      insert into rate_limit_windows as r (bucket, window_start)
      select k.bucket, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})
      from unnest(${keys}::text[]) with ordinality as k(bucket, n) order by k.n
      on conflict (bucket, window_start) do update set hits = r.hits + 1
      returning r.hits, r.window_start
    ) ${sweep},
    hit as (
      select hits, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after
      from hit_row
    )`;
}

/** The decision from the rows of `hit` (every bucket must still be within the limit). */
export function rateDecision(rows: RateHit[], limit: number): RateDecision {
  const over = rows.filter((r) => r.hits > limit);
  if (over.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, ...over.map((r) => r.retry_after)) };
}

/**
 * Counts one attempt in every bucket (fixed windows of `windowSeconds`) and says whether all of
 * them are still within `limit`. One statement, kept in Postgres so any number of app instances
 * share the counters.
 */
export async function hitRateLimit(
  buckets: string[],
  limit: number,
  windowSeconds: number,
  opts: { sweep?: boolean } = {},
): Promise<RateDecision> {
  const sql = db();
  const cte = rateHitCte(sql, { buckets, limit, windowSeconds, sweep: opts.sweep });
  if (!cte) return { allowed: true };
  const rows = await sql<RateHit[]>`with ${cte} select hits, retry_after from hit`;
  return rateDecision(rows, limit);
}
