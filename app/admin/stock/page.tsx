import type { Metadata } from "next";
import { listStock } from "@/lib/admin/stock";
import { Notice } from "@/components/admin/Notice";
import { requireMerchant } from "../_server/merchant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stock" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function AdminStock({ searchParams }: { searchParams: Promise<Search> }) {
  await requireMerchant();
  const [rows, search] = await Promise.all([listStock(), searchParams]);
  const saved = one(search.saved);
  return (
    <>
      <h1>Stock</h1>
      <Notice notice={saved ? `Saved ${saved}.` : null} error={one(search.error)} />
      <p className="muted">
        Units on hand = free to sell + held by orders (unpaid orders, and paid orders not shipped yet). Enter what is on the
        shelf: free stock moves by the difference, and orders keep their units.
      </p>
      <div className="admin-table-wrap">
        <table>
          <caption className="visually-hidden">Stock per variant</caption>
          <thead>
            <tr><th scope="col">Variant</th><th scope="col">SKU</th><th scope="col">Free</th><th scope="col">Held</th><th scope="col">Sold</th><th scope="col">On hand and low-stock level</th></tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.variant_id} data-testid="stock-row" data-sku={v.sku}>
                <td>{v.product_name} · {v.variant_name}{!v.active && <span className="muted"> (inactive)</span>}</td>
                <td>{v.sku}</td>
                <td className={v.stock <= v.low_stock_at ? "admin-flag" : undefined}>{v.stock}</td>
                <td>{v.held}</td>
                <td>{v.sold}</td>
                <td>
                  <form method="post" action={`/api/admin/stock/${v.variant_id}`} className="row">
                    <label>On hand <input type="number" name="on_hand" min={v.held} max={1000000} defaultValue={v.stock + v.held} required aria-describedby={`held-${v.variant_id}`} /></label>
                    <span id={`held-${v.variant_id}`} className="visually-hidden">at least {v.held}, held by orders</span>
                    <label>Low at <input type="number" name="low_stock_at" min={0} max={1000000} defaultValue={v.low_stock_at} required /></label>
                    <button type="submit" aria-label={`Save stock of ${v.sku}`}>Save</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
