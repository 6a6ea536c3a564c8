import autocannon from "autocannon";

export interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function measure(name: string, opts: autocannon.Options): Promise<Figure> {
  // Warm up first so JIT and caches do not count against the route.
  await autocannon({ ...opts, duration: 1 });
  const r = await autocannon({ connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5), ...opts });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}
