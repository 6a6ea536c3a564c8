import autocannon from "autocannon";
import { watchRss } from "./rss";

export interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Database round trips per completed request, counted on the wire; null where nothing was counted. */
  roundTrips: number | null;
  /** Peak RSS of the Next.js server during this route's run, bytes; null for the node:http reference. */
  peakRss: number | null;
  /** CPU time per completed request, µs, by part of the stack (tests/bench/cpu.ts); null where not read. */
  cpuPerRequest: Record<string, number> | null;
}

export interface Probes {
  counter?: { read(): Promise<number>; reset(): Promise<void> };
  server?: { pid: number; match: (cmdline: string) => boolean };
  cpu?: () => Record<string, number>;
}

export async function measure(name: string, opts: autocannon.Options, probes: Probes = {}): Promise<Figure> {
  // Warm up first so JIT and caches do not count against the route.
  await autocannon({ ...opts, duration: 1 });
  await new Promise((r) => setTimeout(r, 200));
  await probes.counter?.reset();
  const rss = probes.server ? watchRss(probes.server.pid, probes.server.match) : null;
  const cpuBefore = probes.cpu?.();
  // autocannon's own percentiles are whole milliseconds (a 6 ms floor moves in 17% steps); each
  // response's time is a float (process.hrtime), so the percentiles are taken from those.
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5), ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
    run.on("response", (_client, _status, _bytes, ms) => void times.push(ms));
  });
  // Let requests cut off at the end finish their queries before reading the counter.
  await new Promise((r) => setTimeout(r, 200));
  const trips = await probes.counter?.read();
  const cpuAfter = probes.cpu?.();
  const done = Math.max(r.requests.total, 1);
  return {
    name,
    rps: r.requests.average,
    p50: percentile(times, 50) ?? r.latency.p50,
    p99: percentile(times, 99) ?? r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    roundTrips: trips === undefined ? null : trips / done,
    peakRss: rss ? rss.stop() : null,
    cpuPerRequest: cpuBefore && cpuAfter
      ? Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, ((cpuAfter[k]! - cpuBefore[k]!) * 1000) / done]))
      : null,
  };
}

/** The p-th percentile (nearest rank) of xs; undefined for none. */
export function percentile(xs: number[], p: number): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
