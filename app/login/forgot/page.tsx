import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/account/ForgotPasswordForm";
import { linkErrorMessage } from "@/lib/auth/auth-messages";
import { publicSupabaseConfig } from "@/lib/auth/public-config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const linkError = linkErrorMessage((await searchParams).error);
  return (
    <>
      <h1>Reset your password</h1>
      {linkError && <p role="alert" className="alert">{linkError}</p>}
      <p>Enter the email address of your account; we will mail you a link to choose a new password.</p>
      <ForgotPasswordForm config={publicSupabaseConfig()} />
      <p><Link href="/login">Back to sign in</Link></p>
    </>
  );
}
