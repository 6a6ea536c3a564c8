import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewPasswordForm } from "@/components/account/NewPasswordForm";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOwner } from "@/app/_server/request-owner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose a new password" };

export default async function AccountPasswordPage() {
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/account/password");
  return (
    <>
      <h1>Choose a new password</h1>
      <NewPasswordForm config={publicSupabaseConfig()} />
    </>
  );
}
