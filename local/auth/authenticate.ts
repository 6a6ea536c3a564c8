import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { GoTrueError, badRequest, forbidden } from "./errors";
import { header } from "./http";
import { verifyJwt } from "./jwt";
import { findSession, findUserById, type SessionRow, type UserRow } from "./store";

const BEARER = /^bearer (\S+)$/i; // GoTrue's bearerRegexp
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export interface Authenticated {
  claims: Record<string, unknown>;
  user: UserRow;
  session: SessionRow | null;
}

/**
 * GoTrue's requireAuthentication (internal/api/auth.go): a Bearer access token signed by us and
 * not expired, whose user and session still exist.
 */
export async function authenticate(ctx: AuthContext, req: IncomingMessage): Promise<Authenticated> {
  const match = BEARER.exec(header(req, "authorization") ?? "");
  if (!match?.[1]) throw new GoTrueError(401, "no_authorization", "This endpoint requires a valid Bearer token");

  const result = verifyJwt(match[1], ctx.key);
  if (!result.ok) throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${result.reason}`);
  const { claims } = result;

  const sub = typeof claims.sub === "string" ? claims.sub : "";
  if (sub === "") throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!UUID.test(sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const user = await findUserById(ctx.sql, sub);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");

  let session: SessionRow | null = null;
  const sessionId = typeof claims.session_id === "string" ? claims.session_id : "";
  if (sessionId !== "" && sessionId !== NIL_UUID) {
    if (!UUID.test(sessionId)) throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
    session = (await findSession(ctx.sql, sessionId)) ?? null;
    if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
  }
  return { claims, user, session };
}
