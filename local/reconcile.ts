/** `npm run reconcile`: repairs every cart whose Checkout Session may disagree with it. */
import fs from "node:fs";
import path from "node:path";
import { reconcileAll } from "../lib/checkout/reconcile";
import { closeDb } from "../lib/db";

const envFile = path.resolve(import.meta.dirname, "../.env");
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const results = await reconcileAll();
for (const r of results) console.log(`${r.cartId}: ${r.outcome}${r.error ? ` (${r.error})` : ""}`);
console.log(`${results.length} cart(s) needed reconciliation; ${results.filter((r) => r.outcome !== "error").length} repaired.`);
await closeDb();
process.exit(results.some((r) => r.outcome === "error") ? 1 : 0);
