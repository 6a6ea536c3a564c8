import { getEnv } from "../env";
import type { PublicSupabaseConfig } from "./browser-client";

export function publicSupabaseConfig(): PublicSupabaseConfig {
  const env = getEnv();
  return { url: env.NEXT_PUBLIC_SUPABASE_URL, anonKey: env.NEXT_PUBLIC_SUPABASE_ANON_KEY };
}
