import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatMoney } from "@/lib/money";
import { listOrdersForUser } from "@/lib/orders/queries";
import { currentOwner } from "@/app/_server/request-owner";
import { Fulfillment } from "@/components/order/Fulfillment";
import { fulfillmentOf } from "@/lib/admin/fulfillment-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My orders" };

export default async function AccountOrdersPage() {
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/account/orders");
  const orders = await listOrdersForUser(owner.userId);
  return (
    <>
      <h1>My orders</h1>
      {orders.length === 0 ? (
        <p>You have no orders yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Delivery</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="account-order">
                <td><Link href={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link></td>
                <td>{o.created_at.toISOString().slice(0, 10)}</td>
                <td>{o.status}</td>
                <td>{o.status === "paid" || o.status === "refunded" ? <Fulfillment fulfillment={fulfillmentOf(o)} compact /> : "—"}</td>
                <td>{formatMoney(o.amount_total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
