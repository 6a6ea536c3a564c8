import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/account/AuthForm";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { safeNext } from "@/app/_server/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  return (
    <>
      <h1>Sign in</h1>
      <AuthForm mode="login" next={next} config={publicSupabaseConfig()} />
      <p>New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link></p>
    </>
  );
}
