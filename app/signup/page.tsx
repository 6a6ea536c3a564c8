import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/account/AuthForm";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOrigin } from "@/app/_server/origin";
import { safeNext } from "@/app/_server/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next, await currentOrigin());
  return (
    <>
      <h1>Create an account</h1>
      <AuthForm mode="signup" next={next} config={publicSupabaseConfig()} />
      <p>Already have an account? <Link href={`/login?next=${encodeURIComponent(next)}`}>Sign in</Link></p>
    </>
  );
}
