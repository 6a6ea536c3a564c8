import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand">Ridge &amp; Kettle</Link>
      <nav aria-label="Main">
        <Link href="/">Shop</Link>
        <Link href="/cart">Cart</Link>
      </nav>
    </header>
  );
}
