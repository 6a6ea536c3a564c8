import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";

export interface PublicSupabaseConfig {
  url: string;
  anonKey: string;
}

let client: SupabaseClient | undefined;

/**
 * Supabase client for the browser; the session lives in cookies the server can read. The config is
 * handed down by a server component at run time, so one build works against any project.
 */
export function browserSupabase(config: PublicSupabaseConfig): SupabaseClient {
  client ??= createBrowserClient(config.url, config.anonKey);
  return client;
}
