import crypto from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatMoney } from "@/lib/money";
import { majorAmountText } from "@/lib/admin/amount";
import { CARRIERS, carrierName } from "@/lib/admin/carriers";
import { adminOrder } from "@/lib/admin/order-detail";
import { stripeDashboardUrl } from "@/lib/admin/stripe-links";
import { isOpen } from "@/lib/orders/state";
import { Notice } from "@/components/admin/Notice";
import { ShippingAddress } from "@/components/admin/ShippingAddress";
import { Timeline } from "@/components/admin/Timeline";
import { requireMerchant } from "../../_server/merchant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order" };

const NOTICES: Record<string, string> = {
  refund_requested: "Refund requested at Stripe. The order changes when Stripe confirms it (reload in a moment).",
  review_cleared: "Review flag cleared.",
  canceled: "Order canceled; its stock is released.",
  shipped: "Marked shipped.",
  delivered: "Marked delivered.",
  returned: "Marked returned.",
};

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function AdminOrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  await requireMerchant();
  const id = z.string().uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const data = await adminOrder(id.data);
  if (!data) notFound();
  const search = await searchParams;
  const { order: o, fulfillment: f } = data;
  const remaining = o.amount_total - o.amount_refunded;
  const base = `/api/admin/orders/${o.id}`;
  const notice = one(search.notice);
  return (
    <>
      <h1>Order {o.id.slice(0, 8)}</h1>
      <Notice notice={notice ? (NOTICES[notice] ?? null) : null} error={one(search.error)} />
      <p>
        Status: <strong data-testid="admin-order-status" data-status={o.status}>{o.status}</strong>
        {o.payment_processing && <> · payment processing</>}
        {" · "}Fulfillment: <strong data-testid="admin-fulfillment">{f.status}</strong>
        {f.trackingNumber && <> · {carrierName(f.carrier)} {f.trackingUrl ? <a href={f.trackingUrl}>{f.trackingNumber}</a> : f.trackingNumber}</>}
      </p>
      {o.needs_review && <p className="notice" data-testid="review-reason"><span className="admin-flag">Needs review:</span> {o.review_reason ?? "flagged"}</p>}
      {o.dispute_status && <p className="notice">Dispute: {o.dispute_status}</p>}
      <p><Link href={`/admin/orders/${o.id}/packing-slip`}>Packing slip</Link> · <Link href="/admin/orders">All orders</Link></p>

      <section aria-labelledby="items-h" className="admin-section">
        <h2 id="items-h">Items</h2>
        <table>
          <caption className="visually-hidden">Items in this order</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">SKU</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Amount</th></tr></thead>
          <tbody>
            {o.items.map((i, n) => (
              <tr key={n}><td>{i.name}{i.variant_name && <span className="muted"> · {i.variant_name}</span>}</td><td>{i.sku}</td><td>{i.quantity}</td>
                <td>{formatMoney(i.unit_amount, i.currency)}</td><td>{formatMoney(i.unit_amount * i.quantity, i.currency)}</td></tr>
            ))}
          </tbody>
        </table>
        <p>Shipping: {formatMoney(o.amount_shipping, o.currency)}{o.shipping_option && <> ({o.shipping_option})</>} · Total: <strong>{formatMoney(o.amount_total, o.currency)}</strong>
          {o.amount_refunded > 0 && <> · Refunded: <strong data-testid="admin-refunded">{formatMoney(o.amount_refunded, o.currency)}</strong></>}</p>
      </section>

      <section aria-labelledby="customer-h" className="admin-section">
        <h2 id="customer-h">Customer</h2>
        <p>{data.email ?? "Guest checkout"} · ordered {o.created_at.toISOString().slice(0, 16).replace("T", " ")} UTC{o.paid_at && <>, paid {o.paid_at.toISOString().slice(0, 16).replace("T", " ")} UTC</>}</p>
        <ShippingAddress name={o.shipping_name} address={o.shipping_address} />
      </section>

      <section aria-labelledby="stripe-h" className="admin-section">
        <h2 id="stripe-h">Stripe</h2>
        <dl className="admin-ids">
          {o.stripe_payment_intent_id && <><dt>PaymentIntent</dt><dd><a href={stripeDashboardUrl("payment_intent", o.stripe_payment_intent_id)}>{o.stripe_payment_intent_id}</a></dd></>}
          {o.stripe_checkout_session_id && <><dt>Checkout Session</dt><dd><a href={stripeDashboardUrl("checkout_session", o.stripe_checkout_session_id)}>{o.stripe_checkout_session_id}</a></dd></>}
          {!o.stripe_payment_intent_id && !o.stripe_checkout_session_id && <dd>Nothing at Stripe yet.</dd>}
        </dl>
      </section>

      <section aria-labelledby="actions-h" className="admin-section">
        <h2 id="actions-h">Actions</h2>
        {o.status === "paid" && remaining > 0 && o.stripe_payment_intent_id && (
          <form method="post" action={`${base}/refund`} className="admin-form" aria-label="Refund">
            {/* A new id per page view: a double submit of this form refunds once, a later form refunds again. */}
            <input type="hidden" name="request_id" value={crypto.randomUUID()} />
            <label>Refund amount ({o.currency.toUpperCase()}, empty for all {majorAmountText(remaining, o.currency)} left)
              <input type="text" name="amount" inputMode="decimal" autoComplete="off" placeholder={majorAmountText(remaining, o.currency)} />
            </label>
            <button type="submit">Refund</button>
          </form>
        )}
        {o.status === "paid" && f.status === "unfulfilled" && (
          <form method="post" action="/api/admin/orders/ship" className="admin-form" aria-label="Ship">
            <input type="hidden" name="order" value={o.id} />
            <input type="hidden" name="return_to" value={`/admin/orders/${o.id}`} />
            <label>Carrier
              <select name="carrier" defaultValue="ups">
                {Object.entries(CARRIERS).map(([cid, c]) => <option key={cid} value={cid}>{c.name}</option>)}
              </select>
            </label>
            <label>Tracking number <input type="text" name={`tracking_${o.id}`} required autoComplete="off" /></label>
            <button type="submit">Mark shipped</button>
          </form>
        )}
        {(f.status === "shipped" || f.status === "delivered") && (
          <form method="post" action={`${base}/fulfillment`} className="admin-form" aria-label="Delivery">
            {f.status === "shipped" && <button type="submit" name="status" value="delivered">Mark delivered</button>}
            <button type="submit" name="status" value="returned" className="secondary">Mark returned</button>
          </form>
        )}
        {o.needs_review && (
          <form method="post" action={`${base}/review`} className="admin-form" aria-label="Clear review">
            <label>Note (why this is fine) <input type="text" name="note" required maxLength={500} autoComplete="off" /></label>
            <button type="submit">Clear review flag</button>
          </form>
        )}
        {isOpen(o.status) && (
          <form method="post" action={`${base}/cancel`} className="admin-form" aria-label="Cancel">
            <button type="submit" className="secondary">Cancel unpaid order</button>
          </form>
        )}
      </section>

      <section aria-labelledby="timeline-h" className="admin-section">
        <h2 id="timeline-h">Timeline</h2>
        <Timeline events={data.events} />
      </section>
    </>
  );
}
