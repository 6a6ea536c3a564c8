import crypto from "node:crypto";
import type postgres from "postgres";

export type Sql = postgres.Sql;
export type Db = postgres.Sql | postgres.TransactionSql;
type Json = Record<string, unknown>;

const NIL_INSTANCE = "00000000-0000-0000-0000-000000000000";

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  created_at: Date | null;
  updated_at: Date | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  updated_at: Date | null;
  not_after: Date | null;
}

export interface RefreshTokenRow {
  id: string;
  token: string;
  revoked: boolean;
  updated_at: Date;
  parent: string | null;
  session_id: string;
}

const USER_COLUMNS = "id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at";

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`select ${db.unsafe(USER_COLUMNS)} from auth.users where lower(email) = lower(${email})`;
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`select ${db.unsafe(USER_COLUMNS)} from auth.users where id = ${id}`;
  return row;
}

/** Inserts an email user, confirmed or not; resolves undefined when the email is taken (unique lower(email)). */
export async function insertUser(
  db: Db,
  user: { email: string; encryptedPassword: string; userMetadata: Json; confirmed: boolean; now: Date },
): Promise<UserRow | undefined> {
  const appMetadata = { provider: "email", providers: ["email"] };
  const [row] = await db<UserRow[]>`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values (${NIL_INSTANCE}, ${crypto.randomUUID()}, 'authenticated', 'authenticated', ${user.email},
            ${user.encryptedPassword}, ${user.confirmed ? user.now : null}, ${db.json(appMetadata)}, ${db.json(user.userMetadata as postgres.JSONValue)},
            ${user.now}, ${user.now})
    on conflict do nothing
    returning ${db.unsafe(USER_COLUMNS)}`;
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  changes: { email?: string; encryptedPassword?: string; userMetadata?: Json; lastSignInAt?: Date; now: Date },
): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`
    update auth.users set
      email = coalesce(${changes.email ?? null}, email),
      encrypted_password = coalesce(${changes.encryptedPassword ?? null}, encrypted_password),
      raw_user_meta_data = coalesce(${changes.userMetadata ? db.json(changes.userMetadata as postgres.JSONValue) : null}::jsonb, raw_user_meta_data),
      last_sign_in_at = coalesce(${changes.lastSignInAt ?? null}, last_sign_in_at),
      updated_at = ${changes.now}
    where id = ${id}
    returning ${db.unsafe(USER_COLUMNS)}`;
  return row;
}

/**
 * models.User.Confirm: sets email_confirmed_at once and merges `email_verified: true` into
 * user_metadata. Leaves an already confirmed user as it is.
 */
export async function confirmUser(db: Db, id: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`
    update auth.users set
      email_confirmed_at = coalesce(email_confirmed_at, ${now}),
      raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb,
      updated_at = ${now}
    where id = ${id}
    returning ${db.unsafe(USER_COLUMNS)}`;
  return row;
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db<SessionRow[]>`select id, user_id, created_at, updated_at, not_after from auth.sessions where id = ${id}`;
  return row;
}

export async function insertSession(db: Db, userId: string, now: Date): Promise<SessionRow> {
  const [row] = await db<SessionRow[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at)
    values (${crypto.randomUUID()}, ${userId}, ${now}, ${now})
    returning id, user_id, created_at, updated_at, not_after`;
  return row!;
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db`update auth.sessions set updated_at = ${now} where id = ${id}`;
}

const TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** GoTrue's (v1) refresh token: 12 random lowercase alphanumerics (crypto.SecureAlphanumeric(12)). */
export function newRefreshTokenString(): string {
  let out = "";
  for (let i = 0; i < 12; i++) out += TOKEN_ALPHABET[crypto.randomInt(TOKEN_ALPHABET.length)];
  return out;
}

export async function insertRefreshToken(
  db: Db,
  t: { userId: string; sessionId: string; parent: string | null; now: Date },
): Promise<string> {
  const token = newRefreshTokenString();
  await db`
    insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
    values (${NIL_INSTANCE}, ${token}, ${t.userId}, false, ${t.now}, ${t.now}, ${t.parent}, ${t.sessionId})`;
  return token;
}

/** The refresh token with its session and user, rows locked so refreshes of one session serialize. */
export async function lockRefreshToken(
  tx: postgres.TransactionSql,
  token: string,
): Promise<{ token: RefreshTokenRow; session: SessionRow; user: UserRow } | undefined> {
  const [row] = await tx<(Json & { rt_id: string })[]>`
    select rt.id as rt_id, rt.token, rt.revoked, rt.updated_at as rt_updated_at, rt.parent, rt.session_id,
           s.user_id, s.created_at as s_created_at, s.updated_at as s_updated_at, s.not_after,
           ${tx.unsafe(USER_COLUMNS.split(", ").map((c) => `u.${c} as u_${c}`).join(", "))}
    from auth.refresh_tokens rt
    join auth.sessions s on s.id = rt.session_id
    join auth.users u on u.id = s.user_id
    where rt.token = ${token}
    for update of rt, s`;
  if (!row) return undefined;
  const user = Object.fromEntries(USER_COLUMNS.split(", ").map((c) => [c, row[`u_${c}`]])) as unknown as UserRow;
  return {
    token: {
      id: String(row.rt_id),
      token: row.token as string,
      revoked: Boolean(row.revoked),
      updated_at: row.rt_updated_at as Date,
      parent: (row.parent as string | null) ?? null,
      session_id: row.session_id as string,
    },
    session: {
      id: row.session_id as string,
      user_id: row.user_id as string,
      created_at: row.s_created_at as Date,
      updated_at: (row.s_updated_at as Date | null) ?? null,
      not_after: (row.not_after as Date | null) ?? null,
    },
    user,
  };
}

export async function activeRefreshToken(db: Db, sessionId: string): Promise<{ token: string; parent: string | null } | undefined> {
  const [row] = await db<{ token: string; parent: string | null }[]>`
    select token, parent from auth.refresh_tokens
    where session_id = ${sessionId} and revoked = false order by id desc limit 1`;
  return row;
}

export async function revokeRefreshToken(db: Db, id: string, now: Date): Promise<void> {
  await db`update auth.refresh_tokens set revoked = true, updated_at = ${now} where id = ${id}`;
}

/** GoTrue's RevokeTokenFamily for tokens with a session: every live token of the session. */
export async function revokeSessionTokens(db: Db, sessionId: string, now: Date): Promise<void> {
  await db`update auth.refresh_tokens set revoked = true, updated_at = ${now} where session_id = ${sessionId} and revoked = false`;
}

/** GoTrue logs out by deleting sessions; their refresh tokens go with them (on delete cascade). */
export async function deleteSessions(
  db: Db,
  scope: { kind: "global"; userId: string } | { kind: "local"; sessionId: string } | { kind: "others"; userId: string; sessionId: string },
): Promise<void> {
  if (scope.kind === "global") await db`delete from auth.sessions where user_id = ${scope.userId}`;
  else if (scope.kind === "local") await db`delete from auth.sessions where id = ${scope.sessionId}`;
  else await db`delete from auth.sessions where user_id = ${scope.userId} and id <> ${scope.sessionId}`;
}
