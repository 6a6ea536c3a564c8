import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

/**
 * First-load JavaScript budgets (gzip, what a guest downloads to open the page). Supabase's and
 * Stripe's client code must not be in them: only pages that use them load it. Next.js 16.4 and
 * React 19 alone are about 129 KB gzip on every App Router page (turbopack and webpack builds
 * measured alike); the shop's own code is the rest, about 8–10 KB.
 */
const BUDGET_KB: Record<string, number> = {
  "/": 142,
  "/products/ceramic-mug": 142,
  "/cart": 142,
};

for (const [path, budgetKb] of Object.entries(BUDGET_KB)) {
  test(`first load of ${path} stays within ${budgetKb} KB of gzip JavaScript`, async ({ browser }) => {
    const context = await browser.newContext(); // a guest with an empty cache
    const page = await context.newPage();
    const scripts = new Map<string, Promise<number>>();
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script" || scripts.has(res.url())) return;
      scripts.set(res.url(), res.body().then((b) => zlib.gzipSync(b).length, () => 0));
    });
    await page.goto(path, { waitUntil: "networkidle" });
    const sizes = await Promise.all([...scripts].map(async ([url, size]) => [new URL(url).pathname, await size] as const));
    const totalKb = sizes.reduce((n, [, s]) => n + s, 0) / 1024;
    // Printed on every run, so a change's cost can be read off the list reporter.
    console.log(`first-load JS ${path}: ${totalKb.toFixed(1)} KB gzip`);
    const listing = sizes.map(([u, s]) => `${u} ${(s / 1024).toFixed(1)} KB`).join("\n");
    expect(totalKb, `${path} loads ${totalKb.toFixed(1)} KB:\n${listing}`).toBeLessThanOrEqual(budgetKb);
    const bodies = await Promise.all([...scripts.keys()].map((u) => context.request.get(u).then((r) => r.text())));
    expect(bodies.some((b) => b.includes("GoTrueClient")), "Supabase's client is not loaded for a guest").toBe(false);
    expect(bodies.some((b) => b.includes("js.stripe.com")), "Stripe's client is not loaded here").toBe(false);
    await context.close();
  });
}
