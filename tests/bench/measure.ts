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
  const r = await autocannon({ connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5), ...opts });
  // Let requests cut off at the end finish their queries before reading the counter.
  await new Promise((r) => setTimeout(r, 200));
  const trips = await probes.counter?.read();
  const cpuAfter = probes.cpu?.();
  const done = Math.max(r.requests.total, 1);
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    roundTrips: trips === undefined ? null : trips / done,
    peakRss: rss ? rss.stop() : null,
    cpuPerRequest: cpuBefore && cpuAfter
      ? Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, ((cpuAfter[k]! - cpuBefore[k]!) * 1000) / done]))
      : null,
  };
}
