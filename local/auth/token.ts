import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { badRequest } from "./errors";
import { passwordGrant } from "./token-password";
import { pkceGrant } from "./token-pkce";
import { refreshTokenGrant } from "./token-refresh";

/** POST /token: dispatch on grant_type like GoTrue's Token handler. */
export function token(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams) {
  switch (query.get("grant_type")) {
    case "password":
      return passwordGrant(ctx, req);
    case "refresh_token":
      return refreshTokenGrant(ctx, req);
    case "pkce":
      return pkceGrant(ctx, req);
    default:
      throw badRequest("invalid_credentials", "unsupported_grant_type");
  }
}
