import type { IncomingMessage, ServerResponse } from "node:http";
import { header } from "./http";

const ALLOWED_HEADERS = [
  "apikey", "authorization", "content-type", "accept", "x-client-info", "x-supabase-api-version",
  "x-client-ip", "x-jwt-aud", "x-use-cookie", "x-requested-with",
];
// X-Supabase-Api-Version must be readable by browser code: auth-js only trusts the 2024-01-01
// error `code` when it sees that header on the response.
const EXPOSED_HEADERS = "X-Supabase-Api-Version, X-Total-Count, Link, x-sb-error-code";

/** CORS for browser clients calling the stand-in directly; credentials allowed, so the origin is echoed. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = header(req, "origin");
  if (!origin) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  res.setHeader("Vary", "Origin");
}

/** Answers a preflight; requested headers are allowed too, as Supabase's gateway (Kong cors) does. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = (header(req, "access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h));
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", [...new Set([...ALLOWED_HEADERS, ...requested])].join(", "));
  res.setHeader("Access-Control-Max-Age", "3600");
  res.writeHead(204);
  res.end();
}
