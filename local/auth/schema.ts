import type { Sql } from "./store";

/**
 * State the stand-in needs beyond what supabase/migrations creates: the email confirmation,
 * recovery and magic-link tokens. The table mirrors GoTrue's own (supabase/auth
 * migrations/20240427152123_add_one_time_tokens_table.up.sql), one live token per user and type.
 * Created here, at start-up, so the project's migrations never need to touch schema `auth` (on hosted
 * Supabase, GoTrue's own migrations own it). Idempotent and serialized by an advisory lock, since
 * several stand-ins (test files) may start at once on one database.
 */
export async function ensureStandInSchema(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('local-auth-stand-in-schema'))`;
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
    `);
  });
}
