import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { OAuthError, badRequest, type GoTrueError } from "./errors";
import { readParams, str } from "./params";
import { tokenResponse } from "./session";
import {
  activeRefreshToken,
  insertRefreshToken,
  lockRefreshToken,
  revokeRefreshToken,
  revokeSessionTokens,
  touchSession,
  updateUser,
} from "./store";

const notFound = () => badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");

/**
 * POST /token?grant_type=refresh_token with rotation (RefreshTokenGrant in internal/tokens/service.go):
 * each use revokes the token and issues a child in the same session. A revoked token is still
 * accepted when it is the parent of the session's live token (the client lost the answer: it gets
 * that live token back) or within the reuse interval; otherwise the whole session's tokens are
 * revoked and the request fails with refresh_token_already_used.
 */
export async function refreshTokenGrant(ctx: AuthContext, req: IncomingMessage) {
  const params = await readParams(req);
  const refreshToken = str(params, "refresh_token");
  if (refreshToken === "") throw new OAuthError("invalid_request", "refresh_token required");
  // models.FindUserWithRefreshToken: anything this stand-in never issued (shorter, or a v2 token it
  // cannot have signed) is simply not found.
  if (refreshToken.length !== 12) throw notFound();

  const now = new Date();
  const outcome = await ctx.sql.begin(async (tx): Promise<{ error: GoTrueError } | { response: ReturnType<typeof tokenResponse> }> => {
    const found = await lockRefreshToken(tx, refreshToken);
    if (!found) return { error: notFound() };
    const { token, session } = found;
    if (session.not_after && now >= session.not_after) {
      return { error: badRequest("session_expired", "Invalid Refresh Token: Session Expired") };
    }

    let issued: string | undefined;
    if (token.revoked) {
      const active = await activeRefreshToken(tx, session.id);
      if (active && active.parent === token.token) {
        issued = active.token;
      } else if (now.getTime() > token.updated_at.getTime() + ctx.refreshTokenReuseIntervalSeconds * 1000) {
        // Committed together with the error, like GoTrue's storage.NewCommitWithError.
        await revokeSessionTokens(tx, session.id, now);
        return { error: badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used") };
      }
    }
    if (!issued) {
      await revokeRefreshToken(tx, token.id, now);
      issued = await insertRefreshToken(tx, { userId: session.user_id, sessionId: session.id, parent: token.token, now });
    }
    await touchSession(tx, session.id, now);
    const user = (await updateUser(tx, session.user_id, { lastSignInAt: now, now: found.user.updated_at ?? now })) ?? found.user;
    return { response: tokenResponse(ctx, user, session, issued, now) };
  });
  if ("error" in outcome) throw outcome.error;
  return outcome.response;
}
