import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db";
import { asApiRole } from "../../helpers/api-role";

const alice = crypto.randomUUID();
const bob = crypto.randomUUID();
let aliceOrder = "";
let bobOrder = "";

const as = <T>(role: "anon" | "authenticated", sub: string | null, fn: (tx: Tx) => Promise<T>) => asApiRole(db(), role, sub, fn);

beforeAll(async () => {
  const sql = db();
  for (const id of [alice, bob]) {
    await sql`insert into auth.users (id, aud, role, email, created_at, updated_at)
              values (${id}, 'authenticated', 'authenticated', ${`${id}@example.test`}, now(), now())`;
    await sql`insert into carts (number, user_id) values (${crypto.randomBytes(16).toString("hex")}, ${id})`;
  }
  const mk = async (user: string) => {
    const [o] = await sql<{ id: string }[]>`insert into orders (user_id, currency, amount_total, source, expires_at)
      values (${user}, 'eur', 1000, 'payment_intent', now() + interval '30 minutes') returning id`;
    await sql`insert into order_items (order_id, product_id, variant_id, price_id, name, sku, currency, unit_amount, quantity)
              values (${o!.id}, 1, 1, 'price_hb250_eur', 'House Blend', 'HB-250', 'eur', 1000, 1)`;
    return o!.id;
  };
  aliceOrder = await mk(alice);
  bobOrder = await mk(bob);
});

describe("row level security", () => {
  it("lets anon and authenticated read the catalog", async () => {
    for (const role of ["anon", "authenticated"] as const) {
      const n = await as(role, role === "anon" ? null : alice, async (tx) => {
        const [p] = await tx<{ n: number }[]>`select (select count(*) from products)::int + (select count(*) from variants)::int + (select count(*) from prices)::int as n`;
        return p!.n;
      });
      expect(n).toBeGreaterThan(30);
    }
  });

  it.each(["anon", "authenticated"] as const)("does not let %s write the catalog", async (role) => {
    for (const stmt of [
      "update products set name = 'hacked'",
      "insert into products (slug, name) values ('evil', 'Evil')",
      "delete from prices",
      "update variants set stock = 9999",
    ]) {
      const attempt = as(role, role === "anon" ? null : alice, (tx) => tx.unsafe(stmt));
      await expect(attempt).rejects.toThrow(/permission denied|row-level security/);
    }
  });

  it("shows a shopper only their own carts and orders", async () => {
    const seen = await as("authenticated", alice, async (tx) => ({
      carts: await tx<{ user_id: string }[]>`select user_id from carts`,
      orders: await tx<{ id: string }[]>`select id from orders`,
      items: await tx<{ order_id: string }[]>`select order_id from order_items`,
    }));
    expect(seen.carts.map((c) => c.user_id)).toEqual([alice]);
    expect(seen.orders.map((o) => o.id)).toEqual([aliceOrder]);
    expect(seen.items.every((i) => i.order_id === aliceOrder)).toBe(true);
    expect(seen.orders.map((o) => o.id)).not.toContain(bobOrder);
  });

  it("hides carts, orders and the Stripe event log from anon", async () => {
    for (const table of ["carts", "orders", "order_items", "stripe_events", "order_overview"]) {
      await expect(as("anon", null, (tx) => tx.unsafe(`select * from ${table}`))).rejects.toThrow(/permission denied/);
    }
  });

  it("does not let a shopper change their own order", async () => {
    await expect(as("authenticated", alice, (tx) => tx`update orders set status = 'paid' where id = ${aliceOrder}`)).rejects.toThrow(/permission denied/);
  });

  it("lets service_role and the server connection write", async () => {
    await db().begin(async (tx) => {
      await tx.unsafe("set local role service_role");
      await tx`update orders set needs_review = false where id = ${aliceOrder}`;
    });
    const [row] = await db()`update products set position = position where slug = 'ceramic-mug' returning id`;
    expect(row).toBeDefined();
  });

  it("has RLS enabled on every public table", async () => {
    const rows = await db()<{ relname: string; relrowsecurity: boolean }[]>`
      select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`;
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
  });
});
