import crypto from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { expect } from "vitest";
import { serverRealtime } from "../../../lib/auth/no-realtime";
import type { AuthServer } from "../../../local/auth";
import type { MailCatcher } from "../../../local/mail";
import { anonKey } from "./setup";

/** A supabase-js client in the given flow; a PKCE client keeps its code verifier in its own memory. */
export function clientFor(server: AuthServer, flowType: "pkce" | "implicit"): SupabaseClient {
  return createClient(server.url, anonKey, {
    auth: { flowType, persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    ...serverRealtime,
  });
}

/** An RFC 7636 verifier and its S256 challenge, for requests made without supabase-js. */
export function pkcePair() {
  const verifier = crypto.randomBytes(42).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

/** The action link of the newest mail to `email`. */
export function lastLink(mail: MailCatcher, email: string): string {
  const [message] = mail.messages(email);
  expect(message).toBeDefined();
  const href = /href="([^"]+)"/.exec(message!.html)?.[1]?.replaceAll("&amp;", "&");
  expect(href).toBeDefined();
  return href!;
}

/** Opens a mail link as a browser would (no apikey), answering the 303's status and Location. */
export async function openLink(link: string): Promise<{ status: number; location: string }> {
  const res = await fetch(link, { redirect: "manual" });
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

export const codeOf = (location: string) => new URL(location).searchParams.get("code") ?? "";

/** POST /token?grant_type=pkce as auth-js's exchangeCodeForSession sends it. */
export function exchange(server: AuthServer, authCode: string, codeVerifier: string) {
  return fetch(`${server.url}/auth/v1/token?grant_type=pkce`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
    body: JSON.stringify({ auth_code: authCode, code_verifier: codeVerifier }),
  });
}

/** POST to a GoTrue endpoint with the anon key and the 2024-01-01 error format. */
export function post(server: AuthServer, path: string, body: unknown) {
  return fetch(`${server.url}/auth/v1${path}`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
    body: JSON.stringify(body),
  });
}
