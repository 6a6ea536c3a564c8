"use client";

import { useRouter } from "next/navigation";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

export function SignOutButton({ config, label }: { config: PublicSupabaseConfig; label: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        await browserSupabase(config).auth.signOut();
        router.push("/");
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
