import crypto from "node:crypto";
import { beforeAll } from "vitest";
import { createServerClient } from "@supabase/ssr";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { serverRealtime } from "@/lib/auth/no-realtime";
import { db } from "@/lib/db";
import { TestBrowser } from "../../helpers/browser";
import type { AuthStack } from "../../helpers/auth-stack";
import { lateBound } from "../../helpers/late-bound";
import { stripeAndAuthStacks, type Stacks } from "../../helpers/stacks";

export interface TestMerchant {
  id: string;
  email: string;
  password: string;
  token: string;
  browser: TestBrowser;
}

/** A signed-up user made merchant the way `npm run merchant:add` does, then signed in again for a token with the role. */
export async function newMerchant(auth: AuthStack): Promise<TestMerchant> {
  const user = await auth.newUser();
  await db()`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role": "merchant"}'::jsonb where id = ${user.id}`;
  const token = await auth.signIn(user.email, user.password);
  return { id: user.id, email: user.email, password: user.password, token, browser: new TestBrowser({ authorization: `Bearer ${token}` }) };
}

/**
 * A paid order inserted directly (no Stripe): `paidAt` places it in time, so tests of sums can use a
 * window nobody else's orders fall in.
 */
export async function insertOrder(o: {
  status?: string;
  currency?: string;
  amountTotal: number;
  amountRefunded?: number;
  paidAt?: Date | null;
  createdAt?: Date;
  userId?: string | null;
  needsReview?: boolean;
  reviewReason?: string | null;
  items?: { productId: number; variantId: number; quantity: number; unitAmount: number; sku?: string }[];
  stockHeld?: boolean;
}): Promise<string> {
  const sql = db();
  const status = o.status ?? "paid";
  const createdAt = o.createdAt ?? o.paidAt ?? new Date();
  const [row] = await sql<{ id: string }[]>`
    insert into orders (user_id, status, currency, amount_total, amount_refunded, source, expires_at, paid_at, created_at,
                        needs_review, review_reason, stock_held, stripe_payment_intent_id)
    values (${o.userId ?? null}, ${status}, ${o.currency ?? "eur"}, ${o.amountTotal}, ${o.amountRefunded ?? 0}, 'payment_intent',
            ${new Date(createdAt.getTime() + 30 * 60_000)}, ${o.paidAt === undefined ? (status === "paid" || status === "refunded" ? createdAt : null) : o.paidAt},
            ${createdAt}, ${o.needsReview ?? false}, ${o.reviewReason ?? null}, ${o.stockHeld ?? status !== "canceled"},
            ${`pi_fixture_${crypto.randomBytes(8).toString("hex")}`})
    returning id`;
  for (const [i, it] of (o.items ?? []).entries()) {
    await sql`insert into order_items (order_id, position, product_id, variant_id, name, sku, currency, unit_amount, quantity)
              values (${row!.id}, ${i}, ${it.productId}, ${it.variantId}, 'Fixture item', ${it.sku ?? "FIXTURE"}, ${o.currency ?? "eur"},
                      ${it.unitAmount}, ${it.quantity})`;
  }
  return row!.id;
}

export async function adminEvents(orderId: string): Promise<{ type: string; actor_id: string | null; detail: Record<string, unknown> }[]> {
  return db()`select type, actor_id, detail from order_events where order_id = ${orderId} and type like 'admin_%' order by id`;
}

/** A browser holding the @supabase/ssr session cookies of a signed-in user, as pages and form posts carry them. */
export async function cookieBrowser(auth: AuthStack, email: string, password: string): Promise<TestBrowser> {
  const jar = new Map<string, string>();
  const client = createServerClient(auth.url, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, {
    ...serverRealtime,
    cookies: { getAll: () => [...jar].map(([name, value]) => ({ name, value })), setAll: (cs) => cs.forEach((c) => jar.set(c.name, c.value)) },
  });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  const browser = new TestBrowser();
  for (const [k, v] of jar) browser.cookies.set(k, v);
  return browser;
}

/** One test file's Stripe emulator, auth stand-in and signed-in merchant (started in beforeAll). */
export function merchantSuite(): Stacks & { merchant: TestMerchant } {
  const stacks = stripeAndAuthStacks();
  let merchant: TestMerchant | undefined;
  beforeAll(async () => {
    merchant = await newMerchant(stacks.auth);
  });
  return {
    stripe: lateBound(() => stacks.stripe, "the Stripe stack"),
    auth: lateBound(() => stacks.auth, "the auth stack"),
    merchant: lateBound(() => merchant, "the merchant"),
  };
}
