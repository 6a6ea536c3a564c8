import { barChart } from "@/lib/admin/chart";
import type { CurrencySeries } from "@/lib/admin/dashboard";
import { formatMoney } from "@/lib/money";

/**
 * Net revenue per day as a plain SVG drawn on the server (no chart script reaches the browser).
 * The image has a title and summary; the exact figures follow in a table for screen readers and
 * anyone who wants the numbers.
 */
export function RevenueChart({ series }: { series: CurrencySeries }) {
  const cur = series.currency;
  const g = barChart(series.days);
  const total = series.days.reduce((s, d) => s + d.net, 0);
  const best = series.days.reduce((b, d) => (d.net > b.net ? d : b), series.days[0] ?? { day: "", net: 0 });
  const id = `chart-${cur}`;
  return (
    <figure data-testid={`revenue-chart-${cur}`} className="admin-figure">
      <h3>Net revenue per day, {cur.toUpperCase()}</h3>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} className="admin-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{`Net revenue per day in ${cur.toUpperCase()}, ${series.days[0]?.day ?? ""} to ${series.days.at(-1)?.day ?? ""}`}</title>
        <desc id={`${id}-desc`}>{`Total ${formatMoney(total, cur)}; best day ${best.day} with ${formatMoney(best.net, cur)}.`}</desc>
        {g.ticks.map((t) => (
          <g key={t.value}>
            <line className="grid" x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} />
            <text x={g.plot.left - 6} y={t.y + 4} textAnchor="end">{formatMoney(t.value, cur)}</text>
          </g>
        ))}
        {g.bars.map((b) => (
          <rect key={b.day} className="bar" x={b.x} y={b.y} width={b.width} height={b.height} data-day={b.day} data-value={b.value} />
        ))}
        {g.labels.map((l) => (
          <text key={l.day} x={l.x} y={g.height - 8} textAnchor="middle">{l.day.slice(5)}</text>
        ))}
      </svg>
      <figcaption>
        <details>
          <summary>Figures ({cur.toUpperCase()})</summary>
          <table>
            <caption className="visually-hidden">Net revenue per day in {cur.toUpperCase()}</caption>
            <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Net revenue</th></tr></thead>
            <tbody>
              {series.days.map((d) => (
                <tr key={d.day}><td>{d.day}</td><td>{formatMoney(d.net, cur)}</td></tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
