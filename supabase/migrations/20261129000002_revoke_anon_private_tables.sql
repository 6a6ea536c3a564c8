-- Privileges are the first wall, RLS the second. On Supabase the default privileges of schema
-- public grant ALL on every table, sequence and function `postgres` creates to anon, authenticated
-- and service_role (supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql),
-- so without this anon could SELECT carts and orders whenever a policy is missing or wrong.
--
-- After this migration:
--   anon           SELECT on the catalog (products, variants, prices) and nothing else in public;
--   authenticated  SELECT on the catalog and on carts, cart_items, orders, order_items,
--                  order_events (RLS shows a shopper only their own rows); no writes anywhere;
--   service_role   everything (it bypasses RLS, as on Supabase);
--   the server connection (the owner) everything.
-- New tables, sequences and functions that later migrations create are private to their owner
-- and service_role: the default privileges below stop granting them to anon and authenticated.
-- A later migration that wants shoppers to read a table grants SELECT to authenticated itself,
-- next to the table's RLS policy. (Objects created by supabase_admin, e.g. from the dashboard's
-- own tooling, keep Supabase's defaults: `postgres` cannot change another role's defaults.)

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke all on all functions in schema public from anon, authenticated;

grant select on public.products, public.variants, public.prices to anon, authenticated;
grant select on public.carts, public.cart_items, public.orders, public.order_items, public.order_events to authenticated;

grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;

alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke all on functions from anon, authenticated;
alter default privileges in schema public grant all on tables to service_role;
alter default privileges in schema public grant all on sequences to service_role;
