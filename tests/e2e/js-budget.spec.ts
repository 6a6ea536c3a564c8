import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

/**
 * First-load JavaScript budgets (gzip, what a guest downloads to open the page). Supabase's and
 * Stripe's client code must not be in them: only pages that use them load it.
 *
 * The floor, measured the same way on a blank Next.js 16.4.6 / React 19.3.1 app (one App Router page of
 * static text, `next build` with Turbopack, `next start`): 132.1 KB. Per chunk: react-dom, scheduler and
 * the app bootstrap 70.0; the client router (segment cache, RSC client, reducer) 45.4; react and the
 * navigation and error boundaries 7.5; Turbopack's runtime 3.8; the layout router 3.4; the built-in
 * global error page 2.0. next/link adds 3.2 KB, next/image 4.9 more; `next build --webpack` makes the
 * blank page 130.0 KB but this shop's pages 1.3–3.9 KB heavier (it copies shared code into page chunks).
 * So no App Router page gets under about 130 KB; what is above the floor is the shop's: the header's
 * client parts (NavLink, cart badge, account menu, market switcher: about 1.8 KB), the product form
 * (1.4 KB) or the cart (2.1 KB), the error page (0.3 KB) and 0.5 KB more of Turbopack runtime.
 * They translate on the server, so none of these pages loads use-intl (components/i18n/ClientIntl.tsx).
 * Budgets: the last measurement rounded up, plus about 1 KB.
 */
const BUDGET_KB: Record<string, number> = {
  "/": 136,
  "/products/ceramic-mug": 137,
  "/cart": 138,
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
    expect(bodies.some((b) => b.includes("MISSING_MESSAGE")), "use-intl is not loaded: these pages translate on the server").toBe(false);
    await context.close();
  });
}
