import Link from "next/link";
import { CartBadge } from "@/components/cart/CartBadge";
import { AccountMenu } from "@/components/account/AccountMenu";
import { publicSupabaseConfig } from "@/lib/auth/public-config";

/** The same for every visitor (per-shopper parts load in the browser), so catalog pages can be cached. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand">Ridge &amp; Kettle</Link>
      <nav aria-label="Main">
        <Link href="/">Shop</Link>
        <AccountMenu config={publicSupabaseConfig()} />
        <CartBadge />
      </nav>
    </header>
  );
}
