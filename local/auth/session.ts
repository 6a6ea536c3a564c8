import type { AuthContext } from "./context";
import { signJwt } from "./jwt";
import { insertRefreshToken, insertSession, updateUser, type Db, type SessionRow, type UserRow } from "./store";
import { userJson } from "./user-json";

/** Access token claims as GoTrue's GenerateAccessToken sets them (internal/tokens/service.go). */
export function accessTokenClaims(ctx: AuthContext, user: UserRow, session: SessionRow, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: ctx.issuer,
    sub: user.id,
    aud: user.aud ?? "authenticated",
    exp: iat + ctx.accessTokenTtlSeconds,
    iat,
    email: user.email ?? "",
    phone: "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: Math.floor(session.created_at.getTime() / 1000) }],
    session_id: session.id,
    is_anonymous: false,
  };
}

/** GoTrue's AccessTokenResponse: what supabase-js stores as its Session. */
export function tokenResponse(ctx: AuthContext, user: UserRow, session: SessionRow, refreshToken: string, now: Date) {
  const claims = accessTokenClaims(ctx, user, session, now);
  return {
    access_token: signJwt(claims, ctx.key),
    token_type: "bearer",
    expires_in: claims.exp - claims.iat,
    expires_at: claims.exp,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/** A new session with its first refresh token, as a password sign-in or sign-up creates it. */
export async function startSession(ctx: AuthContext, tx: Db, user: UserRow, now: Date) {
  const session = await insertSession(tx, user.id, now);
  const refreshToken = await insertRefreshToken(tx, { userId: user.id, sessionId: session.id, parent: null, now });
  const signedIn = (await updateUser(tx, user.id, { lastSignInAt: now, now: user.updated_at ?? now })) ?? user;
  return tokenResponse(ctx, signedIn, session, refreshToken, now);
}
