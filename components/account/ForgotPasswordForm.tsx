"use client";

import { useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { confirmRedirect } from "@/lib/auth/auth-messages";

/**
 * Asks Supabase Auth to mail a recovery link that comes back through /auth/confirm to
 * /account/password. The answer is the same whether or not the address has an account.
 */
export function ForgotPasswordForm({ config }: { config: PublicSupabaseConfig }) {
  const t = useTranslations("Auth");
  const te = useTranslations("Errors");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setBusy(true);
    setError(null);
    const { error } = await browserSupabase(config).auth.resetPasswordForEmail(email, {
      redirectTo: confirmRedirect(window.location.origin, "/account/password"),
    });
    setBusy(false);
    // Supabase Auth answers an unknown address like a known one; its errors (a malformed address,
    // too many requests) say nothing about accounts either.
    if (error) setError(error.status === 429 ? te("tooManyRequests") : te("generic"));
    else setSentTo(email);
  }

  if (sentTo) {
    return (
      <p role="status">
        {t.rich("resetSent", { email: sentTo, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
    );
  }
  return (
    <form onSubmit={submit} aria-label={t("resetForm")}>
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <label htmlFor="email">{t("email")}</label>
        <br />
        <input id="email" name="email" type="email" autoComplete="email" required />
      </p>
      <button type="submit" disabled={busy}>{t("sendLink")}</button>
    </form>
  );
}
