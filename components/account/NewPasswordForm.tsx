"use client";

import { NavLink } from "@/components/layout/NavLink";
import { useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

/** Supabase Auth's refusals of a new password (auth-js ErrorCode) the form words itself; others get the generic sentence. */
const PASSWORD_ERRORS: Record<string, "samePassword" | "weakPassword"> = {
  same_password: "samePassword",
  weak_password: "weakPassword",
};

/** Sets a new password for the signed-in shopper (after a recovery link, or any time). */
export function NewPasswordForm({ config }: { config: PublicSupabaseConfig }) {
  const t = useTranslations("Auth");
  const te = useTranslations("Errors");
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError(t("passwordsDiffer"));
      return;
    }
    setBusy(true);
    setError(null);
    const { error } = await browserSupabase(config).auth.updateUser({ password });
    setBusy(false);
    if (!error) setDone(true);
    else if (error.code && Object.hasOwn(PASSWORD_ERRORS, error.code)) setError(t(PASSWORD_ERRORS[error.code]!));
    else setError(error.status === 429 ? te("tooManyRequests") : te("generic"));
  }

  if (done) {
    return (
      <p role="status">
        {t("passwordChanged")} <NavLink href="/">{t("continueShopping")}</NavLink>
      </p>
    );
  }
  return (
    <form onSubmit={submit} aria-label={t("newPasswordHeading")}>
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <label htmlFor="password">{t("newPassword")}</label>
        <br />
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={6} required />
      </p>
      <p>
        <label htmlFor="confirm">{t("repeatPassword")}</label>
        <br />
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={6} required />
      </p>
      <button type="submit" disabled={busy}>{t("savePassword")}</button>
    </form>
  );
}
