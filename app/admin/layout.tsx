import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { requireMerchant } from "./_server/merchant";
import "../globals.css";
import "./admin.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Back office", template: "%s · Back office" }, robots: { index: false } };

// The back office is English and has its own document (the shopper pages' <html> is per market).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireMerchant();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site-header">
          <Link href="/" className="brand">Ridge &amp; Kettle</Link>
        </header>
        <main id="main">
          <nav aria-label="Back office" className="admin-nav">
            <Link href="/admin">Dashboard</Link>
            <Link href="/admin/orders">Orders</Link>
            <Link href="/admin/stock">Stock</Link>
          </nav>
          {children}
        </main>
      </body>
    </html>
  );
}
