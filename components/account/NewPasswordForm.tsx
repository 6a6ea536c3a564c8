"use client";

import Link from "next/link";
import { useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

/** Sets a new password for the signed-in shopper (after a recovery link, or any time). */
export function NewPasswordForm({ config }: { config: PublicSupabaseConfig }) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    setError(null);
    const { error } = await browserSupabase(config).auth.updateUser({ password });
    setBusy(false);
    if (error) setError(error.message);
    else setDone(true);
  }

  if (done) {
    return (
      <p role="status">
        Your password has been changed. <Link href="/">Continue shopping</Link>
      </p>
    );
  }
  return (
    <form onSubmit={submit} aria-label="Choose a new password">
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <label htmlFor="password">New password</label>
        <br />
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={6} required />
      </p>
      <p>
        <label htmlFor="confirm">Repeat the new password</label>
        <br />
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={6} required />
      </p>
      <button type="submit" disabled={busy}>Save password</button>
    </form>
  );
}
