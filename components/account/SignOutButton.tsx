"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/components/i18n/client";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

export function SignOutButton({ config }: { config: PublicSupabaseConfig }) {
  const t = useTranslations("Account");
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
      {t("signOut")}
    </button>
  );
}
