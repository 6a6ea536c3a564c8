-- The roles (anon, authenticated, service_role) and schema auth (auth.users, auth.uid() ...) are
-- Supabase's, not this project's: a Supabase database has them before any migration runs, owned
-- by supabase_admin / supabase_auth_admin, and `supabase db push` runs migrations as `postgres`,
-- which may not create or alter anything in schema auth. So no migration touches schema auth or
-- creates roles; the offline stack gets stand-ins from local/db/supabase-platform.sql, which
-- local/db/migrate.ts applies first (as Supabase's own Postgres image does with its init scripts).
-- Migrations only read auth: foreign keys to auth.users(id), auth.uid() in policies.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon')
     or not exists (select from pg_roles where rolname = 'authenticated')
     or not exists (select from pg_roles where rolname = 'service_role')
     or not exists (select from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'auth' and c.relname = 'users') then
    raise exception 'This database lacks what Supabase provides (roles anon, authenticated, service_role and auth.users)'
      using hint = 'Use a Supabase database, or apply local/db/supabase-platform.sql first (npm run db:migrate does).';
  end if;
end
$$;
