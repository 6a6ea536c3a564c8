"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { confirmRedirect } from "@/lib/auth/auth-messages";

/** Supabase Auth's error codes (auth-js ErrorCode) the form words itself; any other refusal gets the generic sentence. */
const AUTH_ERRORS: Record<string, string> = {
  email_not_confirmed: "notConfirmed",
  invalid_credentials: "invalidCredentials",
  user_already_exists: "userExists",
  weak_password: "weakPassword",
};

/**
 * Sign-in and sign-up share one form; the session lands in cookies the server reads. When the
 * project confirms email addresses (hosted Supabase's default), sign-up answers no session: the
 * shopper is asked to follow the link mailed to them, which comes back through /auth/confirm.
 */
export function AuthForm({ mode, next, config }: { mode: "login" | "signup"; next: string; config: PublicSupabaseConfig }) {
  const t = useTranslations("Auth");
  const te = useTranslations("Errors");
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
      setError(error.code && Object.hasOwn(AUTH_ERRORS, error.code) ? t(AUTH_ERRORS[error.code]!) : te("generic"));
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
        <h2 id="check-email">{t("checkEmail")}</h2>
        <p>{t.rich("checkEmailBody", { email: checkEmail, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-label={mode === "login" ? t("signIn") : t("createAccount")}>
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <label htmlFor="email">{t("email")}</label>
        <br />
        <input id="email" name="email" type="email" autoComplete="email" required />
      </p>
      <p>
        <label htmlFor="password">{t("password")}</label>
        <br />
        <input id="password" name="password" type="password" autoComplete={mode === "login" ? "current-password" : "new-password"} minLength={6} required />
      </p>
      <button type="submit" disabled={busy}>{mode === "login" ? t("signIn") : t("createAccount")}</button>
    </form>
  );
}
