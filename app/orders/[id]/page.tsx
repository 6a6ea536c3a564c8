import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatMoney } from "@/lib/money";
import { findVisibleOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { retryPaymentUrl } from "@/lib/orders/retry";
import { OrderStatus } from "@/components/order/OrderStatus";
import { Fulfillment } from "@/components/order/Fulfillment";
import { fulfillmentOf } from "@/lib/admin/fulfillment-view";
import { currentOwner } from "@/app/_server/request-owner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  // Rendering never writes: the status component asks for a Stripe read (POST …/refresh) while pending.
  const order = await findVisibleOrder((await params).id, currentOwner());
  if (!order) notFound();
  const json = orderJson(order);
  return (
    <>
      <h1>Order {order.id.slice(0, 8)}</h1>
      <OrderStatus initial={json} retryUrl={retryPaymentUrl(order)} />
      {(order.status === "paid" || order.status === "refunded") && <Fulfillment fulfillment={fulfillmentOf(order)} />}
      <table>
        <caption className="visually-hidden">Items in this order</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead>
        <tbody>
          {json.items.map((i, n) => (
            <tr key={n} data-testid="order-line">
              <td>{i.name}{i.variant && <span className="muted"> · {i.variant}</span>}</td>
              <td>{i.quantity}</td>
              <td>{formatMoney(i.unit_amount * i.quantity, i.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="price">Total: <span data-testid="order-total">{json.amount_total_with_currency}</span></p>
    </>
  );
}
