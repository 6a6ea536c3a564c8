import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney } from "@/lib/money";
import { dashboardWindows, lowStock, ordersNeedingReview, revenueByDay, salesTotals, topProducts, type CurrencyTotals } from "@/lib/admin/dashboard";
import { RevenueChart } from "@/components/admin/RevenueChart";
import { requireMerchant } from "./_server/merchant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

function Totals({ label, rows }: { label: string; rows: CurrencyTotals[] }) {
  return (
    <li data-testid={`totals-${label === "Today" ? "today" : "30d"}`}>
      <h3>{label}</h3>
      {rows.length === 0 ? (
        <p className="muted">No paid orders.</p>
      ) : (
        rows.map((r) => (
          <dl key={r.currency} data-currency={r.currency}>
            <dt>Revenue ({r.currency.toUpperCase()})</dt><dd data-testid="net">{formatMoney(r.net, r.currency)}</dd>
            <dt>Paid orders</dt><dd data-testid="count">{r.paid_orders}</dd>
            <dt>Average order</dt><dd data-testid="aov">{formatMoney(r.average_order, r.currency)}</dd>
            {r.refunded > 0 && (<><dt>Refunded</dt><dd>{formatMoney(r.refunded, r.currency)}</dd></>)}
          </dl>
        ))
      )}
    </li>
  );
}

export default async function AdminDashboard() {
  await requireMerchant();
  const w = dashboardWindows(new Date());
  const [today, last30, series, top, low, review] = await Promise.all([
    salesTotals(w.today), salesTotals(w.last30), revenueByDay(w.last30), topProducts(w.last30), lowStock(), ordersNeedingReview(),
  ]);
  return (
    <>
      <h1>Dashboard</h1>
      <section aria-labelledby="sales-h" className="admin-section">
        <h2 id="sales-h">Sales</h2>
        <p className="muted">Orders paid (UTC days), net of refunds.</p>
        <ul className="admin-cards">
          <Totals label="Today" rows={today} />
          <Totals label="Last 30 days" rows={last30} />
        </ul>
        {series.length === 0 ? <p>No sales in the last 30 days.</p> : series.map((s) => <RevenueChart key={s.currency} series={s} />)}
      </section>

      <section aria-labelledby="review-h" className="admin-section">
        <h2 id="review-h">Orders needing review</h2>
        {review.length === 0 ? <p>Nothing to review.</p> : (
          <ul data-testid="review-orders">
            {review.map((o) => (
              <li key={o.id}>
                <Link href={`/admin/orders/${o.id}`}>Order {o.id.slice(0, 8)}</Link> · {o.status} · {formatMoney(o.amount_total, o.currency)}
                {o.email && <> · {o.email}</>} — <span className="admin-flag">{o.review_reason ?? "flagged"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="top-h" className="admin-section">
        <h2 id="top-h">Top products, last 30 days</h2>
        {top.length === 0 ? <p>No sales yet.</p> : (
          <table>
            <caption className="visually-hidden">Best selling products by units, last 30 days</caption>
            <thead><tr><th scope="col">Product</th><th scope="col">Units</th><th scope="col">Orders</th></tr></thead>
            <tbody>{top.map((p) => <tr key={p.product_id}><td>{p.name}</td><td>{p.units}</td><td>{p.orders}</td></tr>)}</tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="low-h" className="admin-section">
        <h2 id="low-h">Running out</h2>
        {low.length === 0 ? <p>No variant is at or below its low-stock level.</p> : (
          <table>
            <caption className="visually-hidden">Variants at or below their low-stock level</caption>
            <thead><tr><th scope="col">Variant</th><th scope="col">SKU</th><th scope="col">Free stock</th><th scope="col">Low at</th></tr></thead>
            <tbody>{low.map((v) => <tr key={v.variant_id}><td>{v.product_name} · {v.variant_name}</td><td>{v.sku}</td><td>{v.stock}</td><td>{v.low_stock_at}</td></tr>)}</tbody>
          </table>
        )}
        <p><Link href="/admin/stock">Edit stock</Link></p>
      </section>
    </>
  );
}
