/**
 * `supabase db push` against a database shaped like a hosted Supabase project: `postgres` is no
 * superuser, schema auth belongs to supabase_admin and its tables to supabase_auth_admin, and the
 * default privileges of public grant every new table to anon. The shape is built by
 * hosted-shape/roles.sql and hosted-shape/database.sql (upstream sources cited there) in a cluster
 * of its own whose bootstrap superuser is supabase_admin, as in Supabase's image: roles are
 * cluster-wide, and the run's shared cluster has `postgres` as its superuser.
 * Every file in supabase/migrations and the seed are applied, whatever files exist.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, seedOnce } from "@/local/db/migrate";
import { startLocalPostgres, type LocalPostgres } from "@/local/db/postgres";
import { freePort } from "@/tests/setup/global-db";
import { asApiRole } from "../../helpers/api-role";

const FIXTURES = path.join(import.meta.dirname, "hosted-shape");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hosted-shape-"));
let cluster: LocalPostgres;
let port = 0;
const clients: postgres.Sql[] = [];

function connect(role: "supabase_admin" | "postgres", db: string): postgres.Sql {
  const sql = postgres(`postgres://${role}:postgres@127.0.0.1:${port}/${db}`, { max: 1, onnotice: () => undefined });
  clients.push(sql);
  return sql;
}
const urlAsPostgres = (db: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`;

/** A fresh database in the hosted shape, owned by postgres. */
async function hostedDatabase(name: string): Promise<string> {
  await connect("supabase_admin", "postgres").unsafe(`create database ${name} owner postgres`);
  await connect("supabase_admin", name).unsafe(fs.readFileSync(path.join(FIXTURES, "database.sql"), "utf8"));
  return name;
}

/** Everything in schema auth and who owns it: a migration must leave this exactly as it was. */
async function authSnapshot(db: string): Promise<string> {
  const sql = connect("supabase_admin", db);
  const rows = await sql`
    select 'rel' as kind, c.relname as name, c.relkind::text as detail, pg_get_userbyid(c.relowner) as owner
      from pg_class c where c.relnamespace = 'auth'::regnamespace
    union all
    select 'column', c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod), pg_get_userbyid(c.relowner)
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relnamespace = 'auth'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    union all
    select 'function', p.proname, md5(p.prosrc), pg_get_userbyid(p.proowner)
      from pg_proc p where p.pronamespace = 'auth'::regnamespace
    union all
    select 'trigger', t.tgname, c.relname, '' from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = 'auth'::regnamespace and not t.tgisinternal -- foreign keys to auth.users add internal ones
    union all
    select 'schema', n.nspname, coalesce(n.nspacl::text, ''), pg_get_userbyid(n.nspowner)
      from pg_namespace n where n.nspname = 'auth'
    order by 1, 2, 3`;
  return JSON.stringify(rows);
}

const as = asApiRole;

const PUSHED = "hosted_pushed";
let untouchedAuth = "";

beforeAll(async () => {
  fs.chmodSync(tmp, 0o755);
  port = await freePort();
  cluster = await startLocalPostgres({ dataDir: path.join(tmp, "pg"), port, persistent: false, superuser: "supabase_admin" });
  await connect("supabase_admin", "postgres").unsafe(fs.readFileSync(path.join(FIXTURES, "roles.sql"), "utf8"));
  await hostedDatabase(PUSHED);
  untouchedAuth = await authSnapshot(PUSHED);
  // What `supabase db push` does: each migration file in its own transaction, as postgres, then the seed.
  await migrate(urlAsPostgres(PUSHED), { platform: false });
  await seedOnce(urlAsPostgres(PUSHED));
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("migrations on a hosted-shaped Supabase database", () => {
  it("is shaped like hosted Supabase: postgres is no superuser and may not create in or alter schema auth", async () => {
    const sql = connect("supabase_admin", PUSHED);
    const [shape] = await sql`
      select r.rolsuper as superuser, r.rolbypassrls as bypassrls,
             pg_has_role('postgres', 'supabase_auth_admin', 'member') as auth_admin_member,
             has_schema_privilege('postgres', 'auth', 'create') as create_on_auth,
             has_schema_privilege('postgres', 'auth', 'usage') as usage_on_auth,
             (select pg_get_userbyid(relowner) from pg_class where oid = 'auth.users'::regclass) as users_owner,
             (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'auth') as auth_owner,
             (select count(*)::int from pg_default_acl d where pg_get_userbyid(d.defaclrole) = 'postgres'
                and d.defaclnamespace = 'public'::regnamespace and d.defaclobjtype = 'r') as postgres_table_defaults
        from pg_roles r where r.rolname = 'postgres'`;
    expect(shape).toEqual({
      superuser: false, bypassrls: true, auth_admin_member: false, create_on_auth: false, usage_on_auth: true,
      users_owner: "supabase_auth_admin", auth_owner: "supabase_admin", postgres_table_defaults: 1,
    });
  });

  it("applies every migration and the seed as postgres and leaves schema auth as Supabase made it", async () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d+_.+\.sql$/.test(f)).map((f) => f.split("_")[0]).sort();
    const sql = connect("postgres", PUSHED);
    const applied = await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations order by version`;
    expect(applied.map((r) => r.version)).toEqual(files);
    const [products] = await sql<{ n: number }[]>`select count(*)::int as n from public.products`;
    expect(products!.n).toBeGreaterThanOrEqual(12);
    expect(await authSnapshot(PUSHED)).toBe(untouchedAuth);
  });

  it("lets anon read the catalog and nothing else in public, even where RLS would allow it", async () => {
    const sql = connect("postgres", PUSHED);
    const count = await as(sql, "anon", null, async (tx) => (await tx<{ n: number }[]>`select count(*)::int as n from products join variants on variants.product_id = products.id join prices on prices.variant_id = variants.id`)[0]!.n);
    expect(count).toBeGreaterThan(20);
    const rates = await as(sql, "anon", null, async (tx) => (await tx<{ n: number }[]>`select count(*)::int as n from shipping_rates`)[0]!.n);
    expect(rates).toBeGreaterThanOrEqual(2);
    const translations = await as(sql, "anon", null, async (tx) => (await tx<{ n: number }[]>`select count(*)::int as n from product_translations where locale = 'fr'`)[0]!.n);
    expect(translations).toBeGreaterThanOrEqual(12);
    for (const table of ["carts", "cart_items", "orders", "order_items", "order_events", "stripe_events", "order_overview"]) {
      await expect(as(sql, "anon", null, (tx) => tx.unsafe(`select * from public.${table}`)), table).rejects.toThrow(/permission denied/);
    }
    // Every relation, including those later migrations add: anon holds SELECT on the catalog (with the
    // shipping rates shoppers see at checkout) only, and neither API role holds any write privilege.
    const grants = await sql<{ role: string; relname: string; select: boolean; write: boolean }[]>`
      select r.role, c.relname,
             has_table_privilege(r.role, c.oid, 'SELECT') as select,
             has_table_privilege(r.role, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as write
        from pg_class c, (values ('anon'), ('authenticated')) as r(role)
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'p')`;
    expect(grants.filter((g) => g.role === "anon" && g.select).map((g) => g.relname).sort()).toEqual(["prices", "product_translations", "products", "shipping_rates", "variants"]);
    expect(grants.filter((g) => g.write)).toEqual([]);
    const sequences = await sql`select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
                                  and (has_sequence_privilege('anon', c.oid, 'USAGE, UPDATE') or has_sequence_privilege('authenticated', c.oid, 'USAGE, UPDATE'))`;
    expect(sequences).toEqual([]);
  });

  it("shows a signed-in shopper only their own carts and orders, read-only", async () => {
    const admin = connect("supabase_admin", PUSHED);
    const server = connect("postgres", PUSHED); // the shop's DATABASE_URL role on Supabase
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
    const orders: Record<string, string> = {};
    for (const id of [alice, bob]) {
      await admin`insert into auth.users (id, aud, role, email, created_at, updated_at)
                  values (${id}, 'authenticated', 'authenticated', ${`${id}@example.test`}, now(), now())`;
      await server`insert into carts (number, user_id) values (${crypto.randomBytes(16).toString("hex")}, ${id})`;
      const [o] = await server<{ id: string }[]>`insert into orders (user_id, currency, amount_total, source, expires_at)
        values (${id}, 'eur', 1450, 'payment_intent', now() + interval '30 minutes') returning id`;
      await server`insert into order_items (order_id, product_id, variant_id, price_id, name, sku, currency, unit_amount, quantity)
                   values (${o!.id}, 1, 1, 'price_hb250_eur', 'House Blend Coffee', 'HB-250', 'eur', 1450, 1)`;
      orders[id] = o!.id;
    }
    const seen = await as(server, "authenticated", alice, async (tx) => ({
      carts: (await tx<{ user_id: string }[]>`select user_id from carts`).map((r) => r.user_id),
      orders: (await tx<{ id: string }[]>`select id from orders`).map((r) => r.id),
      items: (await tx<{ order_id: string }[]>`select order_id from order_items`).map((r) => r.order_id),
    }));
    expect(seen).toEqual({ carts: [alice], orders: [orders[alice]], items: [orders[alice]] });
    await expect(as(server, "authenticated", alice, (tx) => tx`update orders set status = 'paid' where id = ${orders[alice]!}`)).rejects.toThrow(/permission denied/);
    await expect(as(server, "authenticated", alice, (tx) => tx`select * from stripe_events`)).rejects.toThrow(/permission denied/);
    await expect(as(server, "authenticated", bob, (tx) => tx`select * from order_overview`)).rejects.toThrow(/permission denied/);
    // The merchant's view in the dashboard (run as postgres) still joins Supabase's auth.users.
    const [row] = await server<{ customer_email: string }[]>`select customer_email from order_overview where order_id = ${orders[alice]!}`;
    expect(row?.customer_email).toBe(`${alice}@example.test`);
  });

  it("`npm run db:migrate` against Supabase: the local stand-ins find Supabase's objects and execute nothing", async () => {
    const db = await hostedDatabase("hosted_db_migrate");
    const before = await authSnapshot(db);
    const applied = await migrate(urlAsPostgres(db));
    expect(applied.length).toBe(fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d+_.+\.sql$/.test(f)).length);
    expect(await authSnapshot(db)).toBe(before);
  });

  // The proof that this test catches a migration touching what supabase_auth_admin owns.
  it.each([
    ["create table if not exists auth.users (id uuid primary key);", /permission denied for schema auth/],
    ["create unique index if not exists users_email_lower on auth.users (lower(email));", /must be owner of table users/],
    ["alter table auth.users add column nickname text;", /must be owner of table users/],
    ["create or replace function auth.uid() returns uuid language sql stable as $$ select null::uuid $$;", /permission denied for schema auth/],
  ])("refuses a migration that does %s", async (statement, refusal) => {
    const dir = fs.mkdtempSync(path.join(tmp, "bad-migrations-"));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, "29990101000000_touches_auth.sql"), `create table public.before_the_bad_line (id int);\n${statement}\n`);
    await expect(migrate(urlAsPostgres(PUSHED), { dir, platform: false })).rejects.toThrow(refusal);
    const sql = connect("postgres", PUSHED);
    expect(await sql`select 1 from supabase_migrations.schema_migrations where version = '29990101000000'`).toHaveLength(0);
    expect(await sql`select to_regclass('public.before_the_bad_line') as t`).toEqual([{ t: null }]);
    expect(await authSnapshot(PUSHED)).toBe(untouchedAuth);
  });
});
