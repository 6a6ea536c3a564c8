import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney } from "@/lib/money";
import { CARRIERS } from "@/lib/admin/carriers";
import { FULFILLMENT_STATUSES } from "@/lib/admin/fulfillment-view";
import { filtersFromSearch, filtersQuery, listOrders, ORDER_STATUSES } from "@/lib/admin/orders-list";
import { Notice } from "@/components/admin/Notice";
import { requireMerchant } from "../_server/merchant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function AdminOrders({ searchParams }: { searchParams: Promise<Search> }) {
  await requireMerchant();
  const search = await searchParams;
  const filters = filtersFromSearch(search);
  const f = filters ?? {};
  const { rows, next } = await listOrders(f);
  const shipped = one(search.shipped);
  return (
    <>
      <h1>Orders</h1>
      {!filters && <p role="alert" className="alert">Some filters were not understood and were ignored.</p>}
      <Notice notice={shipped ? `Marked ${shipped} order(s) shipped.` : null} error={one(search.error)} />
      <form method="get" action="/admin/orders" className="admin-filters" role="search" aria-label="Filter orders">
        <label>Status
          <select name="status" defaultValue={f.status ?? ""}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Fulfillment
          <select name="fulfillment" defaultValue={f.fulfillment ?? ""}>
            <option value="">Any</option>
            {FULFILLMENT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="choice"><input type="checkbox" name="review" value="1" defaultChecked={f.review === "1"} /> Needs review</label>
        <label>From <input type="date" name="from" defaultValue={f.from ?? ""} /></label>
        <label>To <input type="date" name="to" defaultValue={f.to ?? ""} /></label>
        <label>Customer email <input type="text" name="q" defaultValue={f.q ?? ""} autoComplete="off" /></label>
        <button type="submit">Filter</button>
        <Link href="/admin/orders">Clear</Link>
        <a href={`/api/admin/orders/export${filtersQuery(f)}`} download>Export CSV</a>
      </form>

      <form method="post" action="/api/admin/orders/ship">
        <div className="admin-table-wrap">
          <table>
            <caption className="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Ship</th><th scope="col">Order</th><th scope="col">Date</th><th scope="col">Customer</th>
                <th scope="col">Status</th><th scope="col">Fulfillment</th><th scope="col">Total</th><th scope="col">Tracking number</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => {
                const shippable = o.status === "paid" && o.fulfillment_status === "unfulfilled";
                const short = o.id.slice(0, 8);
                return (
                  <tr key={o.id} data-testid="admin-order" data-order-id={o.id}>
                    <td>{shippable && <input type="checkbox" name="order" value={o.id} aria-label={`Ship order ${short}`} />}</td>
                    <td><Link href={`/admin/orders/${o.id}`}>{short}</Link>{o.needs_review && <> <span className="admin-flag" title={o.review_reason ?? ""}>review</span></>}</td>
                    <td>{o.created_at.toISOString().slice(0, 16).replace("T", " ")}</td>
                    <td>{o.email ?? <span className="muted">guest</span>}</td>
                    <td>{o.status}{o.amount_refunded > 0 && o.status !== "refunded" && <span className="muted"> (refunded {formatMoney(o.amount_refunded, o.currency)})</span>}</td>
                    <td>{o.fulfillment_status}</td>
                    <td>{formatMoney(o.amount_total, o.currency)}</td>
                    <td>{shippable && <input type="text" name={`tracking_${o.id}`} aria-label={`Tracking number for order ${short}`} size={14} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && <p>No orders match.</p>}
        <div className="admin-form">
          <label>Carrier for the selected orders
            <select name="carrier" defaultValue="ups">
              {Object.entries(CARRIERS).map(([id, c]) => <option key={id} value={id}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit">Mark selected shipped</button>
        </div>
      </form>
      <nav aria-label="Pages" className="row">
        {f.after && <Link href={`/admin/orders${filtersQuery(f)}`}>First page</Link>}
        {next && <Link href={`/admin/orders${filtersQuery(f, { after: next })}`} rel="next">Next page</Link>}
      </nav>
    </>
  );
}
