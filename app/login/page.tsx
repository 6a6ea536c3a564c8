import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/account/AuthForm";
import { linkErrorMessage } from "@/lib/auth/auth-messages";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOrigin } from "@/app/_server/origin";
import { safeNext } from "@/app/_server/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next, await currentOrigin());
  const linkError = linkErrorMessage(params.error);
  return (
    <>
      <h1>Sign in</h1>
      {linkError && <p role="alert" className="alert">{linkError}</p>}
      <AuthForm mode="login" next={next} config={publicSupabaseConfig()} />
      <p><Link href="/login/forgot">Forgot your password?</Link></p>
      <p>New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link></p>
    </>
  );
}
