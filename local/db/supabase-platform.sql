-- What a Supabase database already has before any project migration runs, for the offline stack:
-- the API roles, schema auth with the tables the local auth stand-in (local/auth/store.ts) uses,
-- the auth.uid()/role()/email()/jwt() helpers, and the default privileges of schema public.
-- local/db/migrate.ts applies this before supabase/migrations, as Supabase's Postgres image does
-- with its init scripts. On a Supabase database (hosted, or `supabase start`) every block below
-- finds its objects present and executes nothing: schema auth belongs to supabase_admin and its
-- tables and functions to supabase_auth_admin there, and `postgres` may not create or alter them.
--
-- Upstream facts mirrored here:
--   roles and default privileges: supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql
--   auth.users / refresh_tokens:  supabase/postgres migrations/db/init-scripts/00000000000001-auth-schema.sql
--   auth.sessions:                supabase/auth migrations/20220811173540_add_sessions_table.up.sql
--   auth.uid() & co:              supabase/auth migrations/20240624145325_recreate_auth_functions.up.sql

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- Every statement on schema auth is EXECUTEd inside this guard, so it is not even parsed on a
-- database that has schema auth already.
do $platform$
begin
  if exists (select from pg_namespace where nspname = 'auth') then
    return;
  end if;

  execute $sql$
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;
    grant usage on schema public to anon, authenticated, service_role;

    create table auth.users (
      instance_id uuid,
      id uuid primary key,
      aud varchar(255),
      role varchar(255),
      email varchar(255),
      encrypted_password varchar(255),
      email_confirmed_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb,
      raw_user_meta_data jsonb,
      created_at timestamptz,
      updated_at timestamptz
    );
    -- The stand-in finds users by lower(email) and relies on this to refuse a taken address.
    create unique index users_email_key_local on auth.users (lower(email));

    create table auth.sessions (
      id uuid primary key,
      user_id uuid not null references auth.users (id) on delete cascade,
      created_at timestamptz,
      updated_at timestamptz,
      not_after timestamptz
    );

    create table auth.refresh_tokens (
      instance_id uuid,
      id bigserial primary key,
      token varchar(255) unique,
      user_id varchar(255),
      revoked boolean,
      created_at timestamptz,
      updated_at timestamptz,
      parent varchar(255),
      session_id uuid references auth.sessions (id) on delete cascade
    );

    -- The claims PostgREST (or a test) puts in request.jwt.claims.
    create function auth.uid() returns uuid language sql stable set search_path to '' as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $f$;
    create function auth.role() returns text language sql stable set search_path to '' as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $f$;
    create function auth.email() returns text language sql stable set search_path to '' as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $f$;
    create function auth.jwt() returns jsonb language sql stable set search_path to '' as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $f$;

    -- As on Supabase: whatever the migrating role creates in public is granted to the API roles
    -- unless a migration revokes it (20261129000002_revoke_anon_private_tables.sql does).
    alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
    alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  $sql$;
end
$platform$;
