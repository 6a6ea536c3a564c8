import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { adminOrder } from "@/lib/admin/order-detail";
import { ShippingAddress } from "@/components/admin/ShippingAddress";
import { requireMerchant } from "../../../_server/merchant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Packing slip" };

/** A printable slip for the parcel: where it goes and what goes in it (no prices). */
export default async function PackingSlip({ params }: { params: Promise<{ id: string }> }) {
  await requireMerchant();
  const id = z.string().uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const data = await adminOrder(id.data);
  if (!data) notFound();
  const o = data.order;
  return (
    <article data-testid="packing-slip">
      <h1>Packing slip · order {o.id.slice(0, 8)}</h1>
      <p>Ordered {o.created_at.toISOString().slice(0, 10)}{data.email && <> by {data.email}</>}</p>
      <h2>Ship to</h2>
      <ShippingAddress name={o.shipping_name} address={o.shipping_address} />
      <h2>Contents</h2>
      <table>
        <caption className="visually-hidden">Items to pack</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">SKU</th><th scope="col">Quantity</th></tr></thead>
        <tbody>
          {o.items.map((i, n) => (
            <tr key={n}><td>{i.name}{i.variant_name && <> · {i.variant_name}</>}</td><td>{i.sku}</td><td>{i.quantity}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="no-print muted">Print this page (Ctrl+P); the site&apos;s header and navigation are left out of the print.</p>
    </article>
  );
}
