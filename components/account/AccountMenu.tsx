"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

// Supabase's client is about 65 KB gzip: only shoppers with a session download it.
const SignOutButton = dynamic(() => import("./SignOutButton").then((m) => m.SignOutButton), { ssr: false });

/**
 * Sign in, or the shopper's orders and sign out; read in the browser so pages stay cacheable.
 * Checked again on every navigation, so signing in or out elsewhere shows up here.
 */
export function AccountMenu({ config }: { config: PublicSupabaseConfig }) {
  const t = useTranslations("Account");
  const pathname = usePathname();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    let unsubscribe = () => {};
    if (!hasSessionCookie(document.cookie)) {
      // The session may have ended elsewhere (signed out, refresh refused): show "Sign in".
      void Promise.resolve().then(() => live && setSignedIn(false));
      return () => void (live = false);
    }
    void import("@/lib/auth/browser-client").then(({ browserSupabase }) => {
      if (!live) return;
      const supabase = browserSupabase(config);
      void supabase.auth.getSession().then(({ data }) => live && setSignedIn(!!data.session));
      const { data } = supabase.auth.onAuthStateChange((_event, session) => live && setSignedIn(!!session));
      unsubscribe = () => data.subscription.unsubscribe();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [config, pathname]);

  if (!signedIn) return <Link href="/login">{t("signIn")}</Link>;
  return (
    <>
      <Link href="/account/orders">{t("myOrders")}</Link>
      <SignOutButton config={config} />
    </>
  );
}
