-- One database of a hosted Supabase project before the project's first migration, built as its
-- Postgres image and Supabase Auth build it. Run as supabase_admin in a database owned by
-- postgres (supabase/postgres migrations/db/migrate.sh: `alter database postgres owner to postgres`).

-- init-scripts/00000000000000-initial-schema.sql, which migrate.sh runs as postgres: schema
-- extensions, and default privileges that grant every object postgres creates in public to the
-- API roles (anon included).
create schema extensions authorization postgres;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- init-scripts/00000000000001-auth-schema.sql: schema auth belongs to supabase_admin; its tables
-- and functions to supabase_auth_admin (also migrations/20211115181400_update-auth-permissions.sql,
-- 20211124212715_update-auth-owner.sql), which Supabase Auth's migrations run as.
create schema auth authorization supabase_admin;
grant usage on schema auth to anon, authenticated, service_role;
grant all on schema auth to supabase_auth_admin;

set role supabase_auth_admin;
create table auth.users (
  instance_id uuid,
  id uuid not null primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  banned_until timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create index users_instance_id_idx on auth.users (instance_id);
-- supabase/auth migrations/20221215195500_modify_users_email_unique_index.up.sql (later narrowed)
create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);

create table auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid
);

-- supabase/auth migrations/20220811173540_add_sessions_table.up.sql
create table auth.sessions (
  id uuid not null primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz default current_timestamp,
  updated_at timestamptz default current_timestamp,
  not_after timestamptz
);
alter table auth.refresh_tokens add constraint refresh_tokens_session_id_fkey
  foreign key (session_id) references auth.sessions (id) on delete cascade;

-- supabase/auth migrations/20240624145325_recreate_auth_functions.up.sql
create function auth.uid() returns uuid set search_path to '' as $f$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$f$ language sql stable;
create function auth.role() returns text set search_path to '' as $f$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$f$ language sql stable;
create function auth.email() returns text set search_path to '' as $f$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$f$ language sql stable;
create function auth.jwt() returns jsonb set search_path to '' as $f$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$f$ language sql stable;

-- supabase/auth migrations/20240612123726_enable_rls_update_grants.up.sql
alter table auth.users enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.sessions enable row level security;
grant select on auth.sessions to postgres with grant option;
reset role;

-- What postgres may do in schema auth: use it, and everything but own the tables that existed when
-- the image was built (migrations/10000000000000_demote-postgres.sql,
-- 20211115181400_update-auth-permissions.sql: `grant all on all tables in schema auth to postgres`),
-- yet not create there (20250421084701_revoke_admin_roles_from_postgres.sql).
grant usage on schema auth to postgres;
grant all on auth.users, auth.refresh_tokens to postgres;
grant all on all sequences in schema auth to postgres;
grant all on all routines in schema auth to postgres;
revoke create on schema auth from postgres;
