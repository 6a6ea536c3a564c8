"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

/** Sign-in and sign-up share one form; the session lands in cookies the server reads. */
export function AuthForm({ mode, next, config }: { mode: "login" | "signup"; next: string; config: PublicSupabaseConfig }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    const supabase = browserSupabase(config);
    const { error } = mode === "login"
      ? await supabase.auth.signInWithPassword({ email, password })
      : await supabase.auth.signUp({ email, password });
    setBusy(false);
    if (error) {
      setError(error.message);
      return;
    }
    router.push(next);
    router.refresh();
  }

  return (
    <form onSubmit={submit} aria-label={mode === "login" ? "Sign in" : "Create account"}>
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <label htmlFor="email">Email</label>
        <br />
        <input id="email" name="email" type="email" autoComplete="email" required />
      </p>
      <p>
        <label htmlFor="password">Password</label>
        <br />
        <input id="password" name="password" type="password" autoComplete={mode === "login" ? "current-password" : "new-password"} minLength={6} required />
      </p>
      <button type="submit" disabled={busy}>{mode === "login" ? "Sign in" : "Create account"}</button>
    </form>
  );
}
