import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { requireMerchant } from "./_server/merchant";
import "./admin.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Back office", template: "%s · Back office" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireMerchant();
  return (
    <>
      <nav aria-label="Back office" className="admin-nav">
        <Link href="/admin">Dashboard</Link>
        <Link href="/admin/orders">Orders</Link>
        <Link href="/admin/stock">Stock</Link>
      </nav>
      {children}
    </>
  );
}
