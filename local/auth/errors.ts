import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http";

/**
 * An error as GoTrue reports it (internal/api/apierrors). `errorCode` is one of GoTrue's
 * error codes (internal/api/apierrors/errorcode.go); `weakPasswordReasons` marks a WeakPasswordError.
 */
export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly weakPasswordReasons?: string[],
  ) {
    super(message);
    this.name = "GoTrueError";
  }
}

export const badRequest = (code: string, msg: string) => new GoTrueError(400, code, msg);
export const forbidden = (code: string, msg: string) => new GoTrueError(403, code, msg);
export const unprocessable = (code: string, msg: string) => new GoTrueError(422, code, msg);

export const API_VERSION_HEADER = "x-supabase-api-version";
const API_VERSION_2024_01_01 = "2024-01-01";

/**
 * GoTrue's DetermineClosestAPIVersion: a valid YYYY-MM-DD on or after 2024-01-01 selects the
 * 2024-01-01 error format; anything else (absent or malformed) selects the initial format.
 */
export function requestApiVersion(req: IncomingMessage): "2024-01-01" | "initial" {
  const raw = req.headers[API_VERSION_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return "initial";
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) return "initial";
  return t >= Date.parse(`${API_VERSION_2024_01_01}T00:00:00Z`) ? API_VERSION_2024_01_01 : "initial";
}

/**
 * Writes an error the way GoTrue's HandleResponseError does (internal/api/errors.go):
 *  - 2024-01-01 clients (auth-js always sends the header) get `{code: "<error_code>", message}` and
 *    the version echoed in X-Supabase-Api-Version, which auth-js's handleError needs to read `code`;
 *  - older clients get `{code: <status>, error_code, msg}`.
 * Weak passwords carry `weak_password: {reasons}` in both formats.
 */
export function writeGoTrueError(req: IncomingMessage, res: ServerResponse, err: GoTrueError): void {
  const version = requestApiVersion(req);
  const code = err.errorCode || (err.status === 500 ? "unexpected_failure" : "unknown");
  const weak = err.weakPasswordReasons ? { weak_password: { reasons: err.weakPasswordReasons } } : {};
  let body: Record<string, unknown>;
  if (version === API_VERSION_2024_01_01) {
    res.setHeader("X-Supabase-Api-Version", API_VERSION_2024_01_01);
    body = { code, message: err.message, ...weak };
  } else {
    body = { code: err.status, error_code: code, msg: err.message, ...weak };
  }
  res.setHeader("x-sb-error-code", code);
  sendJson(res, err.status, body);
}

/**
 * apierrors.OAuthError (internal/api/apierrors/apierrors.go): always 400, `{error, error_description}`
 * in every API version and without x-sb-error-code (handleResponseErrorOAuth in internal/api/errors.go).
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }
}

export function writeOAuthError(req: IncomingMessage, res: ServerResponse, err: OAuthError): void {
  // HandleResponseError echoes the API version before it picks the writer.
  if (requestApiVersion(req) === API_VERSION_2024_01_01) res.setHeader("X-Supabase-Api-Version", API_VERSION_2024_01_01);
  sendJson(res, 400, { error: err.error, error_description: err.description });
}

export const UNEXPECTED_FAILURE = new GoTrueError(
  500,
  "unexpected_failure",
  "Unexpected failure, please check server logs for more information",
);
