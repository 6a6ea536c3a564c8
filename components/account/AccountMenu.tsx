import Link from "next/link";
import { currentOwner } from "@/app/_server/request-owner";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { SignOutButton } from "./SignOutButton";

export async function AccountMenu() {
  const owner = await currentOwner().catch(() => null);
  if (!owner?.userId) return <Link href="/login">Sign in</Link>;
  return (
    <>
      <Link href="/account/orders">My orders</Link>
      <SignOutButton config={publicSupabaseConfig()} />
    </>
  );
}
