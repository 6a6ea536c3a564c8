"use client";

import { NavLink } from "@/components/layout/NavLink";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ComponentType } from "react";
import type { PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

type SignOut = ComponentType<{ config: PublicSupabaseConfig; label: string }>;

export type AccountText = { signIn: string; myOrders: string; signOut: string };

/**
 * Sign in, or the shopper's orders and sign out; read in the browser so pages stay cacheable.
 * Checked again on every navigation, so signing in or out elsewhere shows up here. Its words come
 * translated from the server (components/layout/SiteHeader.tsx).
 */
export function AccountMenu({ config, text }: { config: PublicSupabaseConfig; text: AccountText }) {
  const pathname = usePathname();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [SignOutButton, setSignOutButton] = useState<SignOut | null>(null);

  useEffect(() => {
    let live = true;
    let unsubscribe = () => {};
    if (!hasSessionCookie(document.cookie)) {
      // The session may have ended elsewhere (signed out, refresh refused): show "Sign in".
      void Promise.resolve().then(() => live && setSignedIn(false));
      return () => void (live = false);
    }
    // Supabase's client is about 65 KB gzip: only shoppers with a session download it, with the
    // sign-out button (a plain import(), not next/dynamic: no loader code in every guest's first load).
    void Promise.all([import("@/lib/auth/browser-client"), import("./SignOutButton")]).then(([{ browserSupabase }, { SignOutButton }]) => {
      if (!live) return;
      setSignOutButton(() => SignOutButton);
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

  if (!signedIn) return <NavLink href="/login">{text.signIn}</NavLink>;
  return (
    <>
      <NavLink href="/account/orders">{text.myOrders}</NavLink>
      {SignOutButton && <SignOutButton config={config} label={text.signOut} />}
    </>
  );
}
