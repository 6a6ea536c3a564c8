import crypto from "node:crypto";
import { createClient } from "@supabase/supabase-js";
import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { startAuthServer } from "@/local/auth";
import { serverRealtime } from "@/lib/auth/no-realtime";

export interface AuthStack {
  url: string;
  /** Signs up a fresh user and returns their id and access token. */
  newUser(): Promise<{ id: string; email: string; password: string; token: string }>;
  signIn(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The GoTrue stand-in for one test file, with the app's env pointed at it. */
export async function startAuthStack(opts: { accessTokenTtlSeconds?: number } = {}): Promise<AuthStack> {
  const server = await startAuthServer({
    databaseUrl: inject("databaseUrl"),
    port: 0,
    anonKey: LOCAL_DEFAULTS.SUPABASE_ANON_KEY,
    serviceRoleKey: LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
  });
  process.env.NEXT_PUBLIC_SUPABASE_URL = server.url;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = LOCAL_DEFAULTS.SUPABASE_ANON_KEY;
  resetEnvCache();
  const client = () => createClient(server.url, LOCAL_DEFAULTS.SUPABASE_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false }, ...serverRealtime });
  const stack: AuthStack = {
    url: server.url,
    async newUser() {
      const email = `shopper-${crypto.randomBytes(6).toString("hex")}@example.test`;
      const password = "correct horse battery";
      const { data, error } = await client().auth.signUp({ email, password });
      if (error || !data.session || !data.user) throw error ?? new Error("no session after sign-up");
      return { id: data.user.id, email, password, token: data.session.access_token };
    },
    async signIn(email, password) {
      const { data, error } = await client().auth.signInWithPassword({ email, password });
      if (error || !data.session) throw error ?? new Error("no session");
      return data.session.access_token;
    },
    close: () => server.close(),
  };
  return stack;
}
