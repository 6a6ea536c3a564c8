import { createServerClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { getEnv } from "../env";
import { serverRealtime } from "./no-realtime";

export interface CookieJar {
  getAll(): { name: string; value: string }[];
  setAll(cookies: { name: string; value: string; options: Record<string, unknown> }[]): void;
}

/**
 * A Supabase client whose session lives in the request's cookies and lands in the response's,
 * the way proxy.ts refreshes them (@supabase/ssr createServerClient with getAll/setAll).
 */
export function cookieSupabase(jar: CookieJar): SupabaseClient {
  const env = getEnv();
  return createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    ...serverRealtime,
    cookies: { getAll: () => jar.getAll(), setAll: (cookies) => jar.setAll(cookies) },
  });
}
