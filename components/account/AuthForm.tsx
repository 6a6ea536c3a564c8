"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { confirmRedirect } from "@/lib/auth/auth-messages";

const NOT_CONFIRMED = "Confirm your email address first: follow the link we sent you, then sign in.";

/**
 * Sign-in and sign-up share one form; the session lands in cookies the server reads. When the
 * project confirms email addresses (hosted Supabase's default), sign-up answers no session: the
 * shopper is asked to follow the link mailed to them, which comes back through /auth/confirm.
 */
export function AuthForm({ mode, next, config }: { mode: "login" | "signup"; next: string; config: PublicSupabaseConfig }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checkEmail, setCheckEmail] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    const supabase = browserSupabase(config);
    const { data, error } = mode === "login"
      ? await supabase.auth.signInWithPassword({ email, password })
      : await supabase.auth.signUp({ email, password, options: { emailRedirectTo: confirmRedirect(window.location.origin, next) } });
    setBusy(false);
    if (error) {
      setError(error.code === "email_not_confirmed" ? NOT_CONFIRMED : error.message);
      return;
    }
    if (!data.session) {
      setCheckEmail(email);
      return;
    }
    router.push(next);
    router.refresh();
  }

  if (checkEmail) {
    return (
      <section aria-labelledby="check-email" role="status">
        <h2 id="check-email">Check your email</h2>
        <p>
          We sent a confirmation link to <strong>{checkEmail}</strong>. Follow it to finish creating your account;
          it works once, for 24 hours.
        </p>
      </section>
    );
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
