import Link from "next/link";
import { CartBadge } from "@/components/cart/CartBadge";
import { AccountMenu } from "@/components/account/AccountMenu";

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand">Ridge &amp; Kettle</Link>
      <nav aria-label="Main">
        <Link href="/">Shop</Link>
        <AccountMenu />
        <CartBadge />
      </nav>
    </header>
  );
}
