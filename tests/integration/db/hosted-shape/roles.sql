-- The roles of a hosted Supabase project, as its Postgres image leaves them. Run as
-- supabase_admin, the image's bootstrap superuser (ENV POSTGRES_USER=supabase_admin in
-- supabase/postgres Dockerfile-17). Sources, in github.com/supabase/postgres migrations/db/:
--   init-scripts/00000000000000-initial-schema.sql     anon, authenticated, service_role, authenticator
--   init-scripts/00000000000001-auth-schema.sql        supabase_auth_admin
--   migrations/10000000000000_demote-postgres.sql       postgres: nosuperuser createdb createrole login replication bypassrls
--   migrations/20230529180330_alter_api_roles_for_inherit.sql
--   migrations/20240627101908_revoke_supabase_auth_admin_from_postgres.sql and
--   migrations/20250421084701_revoke_admin_roles_from_postgres.sql   postgres is no member of supabase_auth_admin
--   migrations/20250605172253_grant_with_admin_to_postgres_16_and_above.sql
--   migrations/20260821154147_revoke_createrole_from_auth_admin.sql

create role postgres login password 'postgres' nosuperuser createdb createrole replication bypassrls;
create role anon nologin inherit;
create role authenticated nologin inherit;
create role service_role nologin inherit bypassrls;
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;
create role supabase_auth_admin login noinherit nocreaterole noreplication;
grant anon, authenticated, service_role to postgres with admin option;
