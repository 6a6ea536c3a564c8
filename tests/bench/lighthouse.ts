/**
 * `npm run lighthouse`: Lighthouse 12.2.3 (its default mobile preset: Moto G Power, slow 4G, 4x CPU
 * slowdown) with Debian's Chromium against the production build on a throwaway local stack; prints
 * the performance score, LCP, TBT and the JavaScript transferred for /, a product page and /cart.
 * Each page is measured LIGHTHOUSE_RUNS times (3) and the run with the median score is printed
 * (Lighthouse's own advice for variance).
 * Env: CHROMIUM_PATH (/usr/bin/chromium), BENCH_SKIP_BUILD=1, ports as in tests/bench/stack.ts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { startBenchStack } from "./stack";

const root = path.resolve(import.meta.dirname, "../..");
const PAGES = ["/", "/products/ceramic-mug", "/cart"];
// The Playwright config's Chromium flags (playwright.config.ts), headless.
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

const audit = z.object({ numericValue: z.number().optional(), displayValue: z.string().optional() });
const report = z.object({
  categories: z.object({ performance: z.object({ score: z.number().nullable() }) }),
  audits: z.object({
    "largest-contentful-paint": audit,
    "total-blocking-time": audit,
    "resource-summary": z.object({ details: z.object({ items: z.array(z.object({ resourceType: z.string(), transferSize: z.number() })) }) }),
  }),
});

function lighthouse(url: string): Promise<z.infer<typeof report>> {
  const bin = path.join(root, "node_modules", "lighthouse", "cli", "index.js");
  const child = spawn(process.execPath, [bin, url, "--only-categories=performance", "--output=json", "--output-path=stdout", "--quiet", `--chrome-flags=${CHROME_FLAGS.join(" ")}`], {
    cwd: root,
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited ${code} for ${url}`));
      resolve(report.parse(JSON.parse(out)));
    });
  });
}

async function main() {
  const stack = await startBenchStack(".data/lighthouse");
  try {
    const rows: string[][] = [];
    for (const page of PAGES) {
      await fetch(`${stack.base}${page}`); // a first render fills the page cache, as in production
      const runs = [];
      for (let i = 0; i < Number(process.env.LIGHTHOUSE_RUNS ?? 3); i++) runs.push(await lighthouse(`${stack.base}${page}`));
      runs.sort((x, y) => (x.categories.performance.score ?? 0) - (y.categories.performance.score ?? 0));
      const r = runs[Math.floor(runs.length / 2)]!;
      const js = r.audits["resource-summary"].details.items.find((i) => i.resourceType === "script")?.transferSize ?? 0;
      rows.push([
        page,
        String(Math.round((r.categories.performance.score ?? 0) * 100)),
        `${((r.audits["largest-contentful-paint"].numericValue ?? 0) / 1000).toFixed(2)} s`,
        `${(r.audits["total-blocking-time"].numericValue ?? 0).toFixed(0)} ms`,
        `${(js / 1024).toFixed(1)} KB`,
      ]);
    }
    const header = ["page", "performance (median)", "LCP", "TBT", "JS transferred"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
    console.log(`\nLighthouse 12.2.3, mobile preset\n${line(header)}`);
    for (const r of rows) console.log(line(r));
  } finally {
    await stack.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
