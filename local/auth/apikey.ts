import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import { header } from "./http";

export type ApiKeyCheck = { ok: true } | { ok: false; body: { message: string; hint: string } };

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/**
 * The API gateway's key-auth in front of GoTrue: `apikey` header (or query parameter) must be one
 * of the project's keys. Answers match Supabase's gateway.
 */
export function checkApiKey(req: IncomingMessage, query: URLSearchParams, keys: string[]): ApiKeyCheck {
  const given = header(req, "apikey") ?? query.get("apikey");
  if (!given) {
    return { ok: false, body: { message: "No API key found in request", hint: "No `apikey` request header or url param was found." } };
  }
  const d = digest(given);
  // Compare digests in constant time: the service role key is a secret.
  if (keys.some((k) => crypto.timingSafeEqual(d, digest(k)))) return { ok: true };
  return { ok: false, body: { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." } };
}
