import { db } from "../db";

/** A half-open window [from, to) in UTC. */
export interface Window {
  from: Date;
  to: Date;
}

export interface CurrencyTotals {
  currency: string;
  paid_orders: number;
  /** Sum of the orders' totals, minor units. */
  gross: number;
  refunded: number;
  /** gross − refunded. */
  net: number;
  /** gross / paid_orders, rounded to the minor unit. */
  average_order: number;
}

/**
 * Sales counted by when Stripe confirmed the payment (paid_at): orders paid in the window, including
 * those refunded since, whose refunds are taken off the net on the day the order was paid.
 */
export async function salesTotals(w: Window): Promise<CurrencyTotals[]> {
  return db()<CurrencyTotals[]>`
    select currency, count(*)::int as paid_orders, sum(amount_total)::int as gross, sum(amount_refunded)::int as refunded,
           (sum(amount_total) - sum(amount_refunded))::int as net, round(avg(amount_total))::int as average_order
    from orders
    where paid_at >= ${w.from} and paid_at < ${w.to} and status in ('paid', 'refunded')
    group by currency order by currency`;
}

export interface DayRevenue {
  /** YYYY-MM-DD (UTC). */
  day: string;
  net: number;
}

export interface CurrencySeries {
  currency: string;
  days: DayRevenue[];
}

/** Net revenue per UTC day of the window, every day present (0 when nothing sold), per currency that sold. */
export async function revenueByDay(w: Window): Promise<CurrencySeries[]> {
  const rows = await db()<{ currency: string; day: string; net: number }[]>`
    with currencies as (
      select distinct currency from orders where paid_at >= ${w.from} and paid_at < ${w.to} and status in ('paid', 'refunded')
    ), days as (
      select to_char(d, 'YYYY-MM-DD') as day, d from generate_series(
        date_trunc('day', ${w.from}::timestamptz at time zone 'UTC'),
        (${w.to}::timestamptz at time zone 'UTC') - interval '1 microsecond', interval '1 day') as d
    ), sums as (
      select currency, to_char(paid_at at time zone 'UTC', 'YYYY-MM-DD') as day, sum(amount_total - amount_refunded)::int as net
      from orders where paid_at >= ${w.from} and paid_at < ${w.to} and status in ('paid', 'refunded')
      group by 1, 2
    )
    select c.currency, d.day, coalesce(s.net, 0)::int as net
    from currencies c cross join days d left join sums s on s.currency = c.currency and s.day = d.day
    order by c.currency, d.day`;
  const series = new Map<string, DayRevenue[]>();
  for (const r of rows) {
    const list = series.get(r.currency) ?? [];
    list.push({ day: r.day, net: r.net });
    series.set(r.currency, list);
  }
  return [...series.entries()].map(([currency, days]) => ({ currency, days }));
}

export interface TopProduct {
  product_id: number;
  name: string;
  units: number;
  orders: number;
}

export async function topProducts(w: Window, limit = 5): Promise<TopProduct[]> {
  return db()<TopProduct[]>`
    select oi.product_id, coalesce(p.name, min(oi.name)) as name, sum(oi.quantity)::int as units, count(distinct o.id)::int as orders
    from order_items oi join orders o on o.id = oi.order_id left join products p on p.id = oi.product_id
    where o.paid_at >= ${w.from} and o.paid_at < ${w.to} and o.status in ('paid', 'refunded')
    group by oi.product_id, p.name order by units desc, oi.product_id limit ${limit}`;
}

export interface LowStockVariant {
  variant_id: number;
  product_name: string;
  variant_name: string;
  sku: string;
  stock: number;
  low_stock_at: number;
}

export async function lowStock(limit = 20): Promise<LowStockVariant[]> {
  return db()<LowStockVariant[]>`
    select v.id as variant_id, p.name as product_name, v.name as variant_name, v.sku, v.stock, v.low_stock_at
    from variants v join products p on p.id = v.product_id
    where v.active and p.active and v.stock <= v.low_stock_at
    order by v.stock, p.position, v.position, v.id limit ${limit}`;
}

export interface ReviewOrder {
  id: string;
  created_at: Date;
  status: string;
  currency: string;
  amount_total: number;
  review_reason: string | null;
  email: string | null;
}

export async function ordersNeedingReview(limit = 20): Promise<ReviewOrder[]> {
  return db()<ReviewOrder[]>`
    select o.id, o.created_at, o.status, o.currency, o.amount_total, o.review_reason, u.email
    from orders o left join auth.users u on u.id = o.user_id
    where o.needs_review order by o.created_at desc, o.id desc limit ${limit}`;
}

/** Today (UTC, so far) and the last 30 days including today. */
export function dashboardWindows(now: Date): { today: Window; last30: Window } {
  const startOfToday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const tomorrow = new Date(startOfToday.getTime() + 86_400_000);
  return {
    today: { from: startOfToday, to: tomorrow },
    last30: { from: new Date(startOfToday.getTime() - 29 * 86_400_000), to: tomorrow },
  };
}
