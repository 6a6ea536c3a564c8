import type { SigningKey } from "./keys";
import type { Sql } from "./store";

/** What every handler needs: the database, the signing key and the token policy. */
export interface AuthContext {
  sql: Sql;
  key: SigningKey;
  /** `iss` of access tokens: `${url}/auth/v1`. */
  issuer: string;
  accessTokenTtlSeconds: number;
  /** GoTrue's GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL (seconds a revoked refresh token may still be used). */
  refreshTokenReuseIntervalSeconds: number;
}
