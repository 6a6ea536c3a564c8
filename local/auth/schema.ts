import type { Sql } from "./store";

/**
 * State the stand-in needs beyond what supabase/migrations creates: the email confirmation,
 * recovery and magic-link tokens, the PKCE flow states and when each kind of mail was last sent. The tables mirror GoTrue's own:
 * one_time_tokens (supabase/auth migrations/20240427152123_add_one_time_tokens_table.up.sql), one live
 * token per user and type; flow_state as supabase/auth's migrations leave it (20230322519590,
 * 20230402418590, 20230508135423, 20240306115329, 20240612123726, 20260115000000).
 * Created here, at start-up, so the project's migrations never need to touch schema `auth` (on hosted
 * Supabase, GoTrue's own migrations own it), and not in local/db/supabase-platform.sql, whose guard
 * skips everything once schema `auth` exists: a local database made before a table was added gets it.
 * Idempotent and serialized by an advisory lock, since several stand-ins (test files) may start at
 * once on one database. When everything is already there, nothing is run: `alter table … if not
 * exists` still takes an ACCESS EXCLUSIVE lock on auth.users, which deadlocked with another
 * stand-in's transaction holding a row lock there while waiting on one_time_tokens.
 */
export async function ensureStandInSchema(sql: Sql): Promise<void> {
  if (await standInSchemaReady(sql)) return;
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('local-auth-stand-in-schema'))`;
    if (await standInSchemaReady(tx as unknown as Sql)) return;
    await tx.unsafe(`
      do $$ begin
        create type auth.one_time_token_type as enum (
          'confirmation_token', 'reauthentication_token', 'recovery_token',
          'email_change_token_new', 'email_change_token_current', 'phone_change_token'
        );
      exception when duplicate_object then null;
      end $$;

      create table if not exists auth.one_time_tokens (
        id uuid primary key,
        user_id uuid not null references auth.users (id) on delete cascade,
        token_type auth.one_time_token_type not null,
        token_hash text not null check (char_length(token_hash) > 0),
        relates_to text not null,
        created_at timestamp without time zone not null default now(),
        updated_at timestamp without time zone not null default now()
      );
      create index if not exists one_time_tokens_token_hash_hash_idx on auth.one_time_tokens using hash (token_hash);
      create unique index if not exists one_time_tokens_user_id_token_type_key on auth.one_time_tokens (user_id, token_type);

      do $$ begin
        create type auth.code_challenge_method as enum ('s256', 'plain');
      exception when duplicate_object then null;
      end $$;

      create table if not exists auth.flow_state (
        id uuid primary key,
        user_id uuid null,
        auth_code text null,
        code_challenge_method auth.code_challenge_method null,
        code_challenge text null,
        provider_type text not null,
        provider_access_token text null,
        provider_refresh_token text null,
        created_at timestamptz null,
        updated_at timestamptz null,
        authentication_method text not null,
        auth_code_issued_at timestamptz null,
        invite_token text null,
        referrer text null,
        oauth_client_state_id uuid null,
        linking_target_id uuid null,
        email_optional boolean not null default false
      );
      create index if not exists idx_auth_code on auth.flow_state (auth_code);
      create index if not exists idx_user_id_auth_method on auth.flow_state (user_id, authentication_method);
      create index if not exists flow_state_created_at_idx on auth.flow_state (created_at desc);
      comment on table auth.flow_state is 'Stores metadata for all OAuth/SSO login flows';
      alter table auth.flow_state enable row level security;

      -- GoTrue's send-frequency clocks (internal/api/mail.go validateSentWithinFrequencyLimit), columns of
      -- auth.users upstream (migrations/00_init_auth_schema.up.sql): they outlive the link
      -- they timed, so verifying a link does not reopen the window for another mail.
      alter table auth.users add column if not exists confirmation_sent_at timestamptz;
      alter table auth.users add column if not exists recovery_sent_at timestamptz;
    `);
  });
}

/** Whether every object ensureStandInSchema makes exists, read from the catalogs (no table locks). */
async function standInSchemaReady(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ ready: boolean }[]>`
    select
      to_regtype('auth.one_time_token_type') is not null
      and to_regtype('auth.code_challenge_method') is not null
      and to_regclass('auth.one_time_tokens_token_hash_hash_idx') is not null
      and to_regclass('auth.one_time_tokens_user_id_token_type_key') is not null
      and to_regclass('auth.idx_auth_code') is not null
      and to_regclass('auth.idx_user_id_auth_method') is not null
      and to_regclass('auth.flow_state_created_at_idx') is not null
      and coalesce((select relrowsecurity from pg_class where oid = to_regclass('auth.flow_state')), false)
      and (select count(*) from pg_attribute
           where attrelid = to_regclass('auth.users') and attname in ('confirmation_sent_at', 'recovery_sent_at') and not attisdropped) = 2
      as ready`;
  return row?.ready === true;
}
