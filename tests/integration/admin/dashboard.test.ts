import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dashboardWindows, lowStock, revenueByDay, salesTotals, topProducts, type Window } from "@/lib/admin/dashboard";
import { barChart } from "@/lib/admin/chart";
import { RevenueChart } from "@/components/admin/RevenueChart";
import { createProduct, type Fixture } from "../../helpers/fixtures";
import { insertOrder } from "./helpers";

// Five days in 2001: no other test's orders are paid then, so sums over the window are ours alone.
const day = (d: number, hour = 12) => new Date(Date.UTC(2001, 1, d, hour));
const window5: Window = { from: new Date(Date.UTC(2001, 1, 1)), to: new Date(Date.UTC(2001, 1, 6)) };
let mug: Fixture;
let tote: Fixture;
let tea: Fixture;

beforeAll(async () => {
  [mug, tote, tea] = await Promise.all([createProduct({ stock: 50 }), createProduct({ stock: 50 }), createProduct({ stock: 50 })]);
  const line = (f: Fixture, quantity: number, unitAmount: number) => ({ productId: f.productId, variantId: f.variantId, quantity, unitAmount });
  await Promise.all([
    insertOrder({ currency: "eur", amountTotal: 1000, paidAt: day(1, 0), items: [line(mug, 1, 1000)] }),
    insertOrder({ currency: "eur", amountTotal: 2500, paidAt: day(1, 23), items: [line(mug, 1, 1000), line(tote, 3, 500)] }),
    insertOrder({ currency: "eur", amountTotal: 4000, amountRefunded: 1000, paidAt: day(3), items: [line(tote, 8, 500)] }),
    insertOrder({ status: "refunded", currency: "eur", amountTotal: 3000, amountRefunded: 3000, paidAt: day(5), items: [line(tea, 2, 1500)] }),
    insertOrder({ currency: "usd", amountTotal: 1200, paidAt: day(2), items: [line(tea, 1, 1200)] }),
    insertOrder({ currency: "usd", amountTotal: 800, paidAt: day(4, 1), items: [line(mug, 1, 800)] }),
    insertOrder({ currency: "usd", amountTotal: 800, paidAt: day(4, 22), items: [line(mug, 1, 800)] }),
    // Not sales of the window: unpaid, failed, canceled, and paid just outside it.
    insertOrder({ status: "pending", currency: "eur", amountTotal: 9999, createdAt: day(2), items: [line(tea, 9, 1111)] }),
    insertOrder({ status: "failed", currency: "usd", amountTotal: 9999, createdAt: day(3) }),
    insertOrder({ status: "canceled", currency: "eur", amountTotal: 9999, createdAt: day(3) }),
    insertOrder({ currency: "eur", amountTotal: 7777, paidAt: new Date(window5.from.getTime() - 1) }),
    insertOrder({ currency: "usd", amountTotal: 7777, paidAt: window5.to }),
  ]);
});

/** The same figures straight from SQL over the window's orders. */
async function sqlTotals(w: Window) {
  return db()<{ currency: string; n: number; gross: number; refunded: number }[]>`
    select currency, count(*)::int as n, sum(amount_total)::int as gross, sum(amount_refunded)::int as refunded
    from orders where paid_at >= ${w.from} and paid_at < ${w.to} and status in ('paid', 'refunded') group by currency order by currency`;
}

describe("dashboard figures", () => {
  it("totals per currency equal SQL over the same orders (and the numbers the fixtures add up to)", async () => {
    const totals = await salesTotals(window5);
    const expected = await sqlTotals(window5);
    expect(totals.map((t) => ({ currency: t.currency, n: t.paid_orders, gross: t.gross, refunded: t.refunded }))).toEqual(expected);
    expect(totals).toEqual([
      { currency: "eur", paid_orders: 4, gross: 10500, refunded: 4000, net: 6500, average_order: 2625 },
      { currency: "usd", paid_orders: 3, gross: 2800, refunded: 0, net: 2800, average_order: 933 },
    ]);
  });

  it("revenue per day has every day of the window per currency, equal to SQL grouped by UTC day", async () => {
    const series = await revenueByDay(window5);
    const rows = await db()<{ currency: string; day: string; net: number }[]>`
      select currency, to_char(paid_at at time zone 'UTC', 'YYYY-MM-DD') as day, sum(amount_total - amount_refunded)::int as net
      from orders where paid_at >= ${window5.from} and paid_at < ${window5.to} and status in ('paid', 'refunded') group by 1, 2`;
    const days = ["2001-02-01", "2001-02-02", "2001-02-03", "2001-02-04", "2001-02-05"];
    expect(series.map((s) => s.currency)).toEqual(["eur", "usd"]);
    for (const s of series) {
      expect(s.days.map((d) => d.day)).toEqual(days);
      for (const d of s.days) {
        const fromSql = rows.find((r) => r.currency === s.currency && r.day === d.day)?.net ?? 0;
        expect([s.currency, d.day, d.net]).toEqual([s.currency, d.day, fromSql]);
      }
    }
    expect(series[0]!.days.map((d) => d.net)).toEqual([3500, 0, 3000, 0, 0]);
    expect(series[1]!.days.map((d) => d.net)).toEqual([0, 1200, 0, 1600, 0]);
  });

  it("the SVG chart draws those values, bar heights in proportion, with an accessible name", async () => {
    const [eur] = await revenueByDay(window5);
    const html = renderToStaticMarkup(RevenueChart({ series: eur! }));
    const bars = [...html.matchAll(/<rect[^>]*height="([\d.]+)"[^>]*data-day="([\d-]+)" data-value="(-?\d+)"/g)].map((m) => ({ height: Number(m[1]), day: m[2], value: Number(m[3]) }));
    expect(bars.map((b) => [b.day, b.value])).toEqual(eur!.days.map((d) => [d.day, d.net]));
    const g = barChart(eur!.days);
    const plotHeight = g.plot.bottom - g.plot.top;
    const top = g.ticks.at(-1)!.value;
    for (const b of bars) expect(b.height).toBeCloseTo((b.value / top) * plotHeight, 0);
    expect(html).toMatch(/role="img" aria-labelledby="chart-eur-title chart-eur-desc"/);
    expect(html).toContain("<title id=\"chart-eur-title\">Net revenue per day in EUR, 2001-02-01 to 2001-02-05</title>");
    expect(html).toContain("€65.00");
    expect(html).not.toContain("<script");
  });

  it("top products rank by units sold in paid orders of the window", async () => {
    const top = await topProducts(window5, 5);
    expect(top.map((p) => [p.product_id, p.units, p.orders])).toEqual([
      [tote.productId, 11, 2],
      [mug.productId, 4, 4],
      [tea.productId, 3, 2],
    ]);
  });

  it("lists variants at or below their own low-stock level", async () => {
    const low = await createProduct({ stock: 2 });
    const fine = await createProduct({ stock: 5 });
    let ids = (await lowStock(10_000)).map((v) => v.variant_id);
    expect(ids).toContain(low.variantId);
    expect(ids).not.toContain(fine.variantId);
    await db()`update variants set low_stock_at = 5 where id = ${fine.variantId}`;
    ids = (await lowStock(10_000)).map((v) => v.variant_id);
    expect(ids).toContain(fine.variantId);
  });

  it("today and the last 30 days are whole UTC days ending tomorrow at midnight", () => {
    const w = dashboardWindows(new Date("2026-03-15T18:30:00Z"));
    expect(w.today).toEqual({ from: new Date("2026-03-15T00:00:00Z"), to: new Date("2026-03-16T00:00:00Z") });
    expect(w.last30).toEqual({ from: new Date("2026-02-14T00:00:00Z"), to: new Date("2026-03-16T00:00:00Z") });
  });
});
