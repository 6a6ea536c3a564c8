import type { IncomingMessage } from "node:http";
import { authenticate } from "./authenticate";
import type { AuthContext } from "./context";
import { badRequest } from "./errors";
import { deleteSessions } from "./store";

/**
 * POST /logout?scope=global|local|others (internal/api/logout.go): deletes the session(s), and with
 * them their refresh tokens. Access tokens of a deleted session then fail with session_not_found.
 */
export async function logout(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams): Promise<void> {
  const scope = query.get("scope") ?? "";
  if (!["", "global", "local", "others"].includes(scope)) {
    throw badRequest("validation_failed", `Unsupported logout scope "${scope}"`);
  }
  const { user, session } = await authenticate(ctx, req);
  if (session && scope === "local") await deleteSessions(ctx.sql, { kind: "local", sessionId: session.id });
  else if (session && scope === "others") await deleteSessions(ctx.sql, { kind: "others", userId: user.id, sessionId: session.id });
  else await deleteSessions(ctx.sql, { kind: "global", userId: user.id });
}
