/**
 * `npm test`: typecheck, lint, unit + integration (vitest), then the production build served on a
 * throwaway local stack and driven by Playwright in Debian Chromium. Runs every step, then prints
 * one summary.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  count?: () => { passed: number; failed: number; skipped: number } | null;
}

const vitestJson = path.join(out, "vitest.json");
const playwrightJson = path.join(out, "playwright.json");

const steps: Step[] = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit", "-p", "."] },
  { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings=0"] },
  {
    name: "unit + integration (vitest)",
    cmd: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    count: () => {
      if (!fs.existsSync(vitestJson)) return null;
      const r = JSON.parse(fs.readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  {
    name: "production build + browser (playwright)",
    cmd: bin("playwright"),
    args: ["test"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    count: () => {
      if (!fs.existsSync(playwrightJson)) return null;
      const r = JSON.parse(fs.readFileSync(playwrightJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
    },
  },
];

for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });
const results: { name: string; ok: boolean; seconds: number; counts: ReturnType<NonNullable<Step["count"]>> }[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: "inherit", env: { ...process.env, ...step.env } });
  const ok = r.status === 0;
  results.push({ name: step.name, ok, seconds: Math.round((Date.now() - started) / 1000), counts: step.count?.() ?? null });
}

console.log("\n━━ summary ━━");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts;
  if (c) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  } else {
    if (r.ok) passed += 1;
    else failed += 1;
  }
  const detail = c ? ` (${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""})` : "";
  console.log(`${r.ok ? "✔" : "✘"} ${r.name}${detail} in ${r.seconds}s`);
}
// A step that failed without reporting a failed test (crash, compile error) still counts as a failure.
for (const r of results) if (!r.ok && r.counts && r.counts.failed === 0) failed += 1;
console.log(`summary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
