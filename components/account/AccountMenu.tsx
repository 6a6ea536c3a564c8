"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";
import { SignOutButton } from "./SignOutButton";

/** Sign in, or the shopper's orders and sign out; read in the browser so pages stay cacheable. */
export function AccountMenu({ config }: { config: PublicSupabaseConfig }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    const supabase = browserSupabase(config);
    void supabase.auth.getSession().then(({ data }) => setSignedIn(!!data.session));
    const { data } = supabase.auth.onAuthStateChange((_event, session) => setSignedIn(!!session));
    return () => data.subscription.unsubscribe();
  }, [config]);

  if (!signedIn) return <Link href="/login">Sign in</Link>;
  return (
    <>
      <Link href="/account/orders">My orders</Link>
      <SignOutButton config={config} />
    </>
  );
}
