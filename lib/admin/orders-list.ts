import { z } from "zod";
import { db, type Sql } from "../db";
import { FULFILLMENT_STATUSES } from "./fulfillment-view";

export const ORDER_STATUSES = ["pending", "paid", "failed", "canceled", "refunded"] as const;
export const PAGE_SIZE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a date");
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The list's filters, from the query string (all optional; empty values are no filter). */
export const orderFiltersSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(ORDER_STATUSES).optional()),
  review: z.preprocess(blankToUndefined, z.enum(["1"]).optional()),
  fulfillment: z.preprocess(blankToUndefined, z.enum(FULFILLMENT_STATUSES).optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  after: z.preprocess(blankToUndefined, z.string().uuid().optional()),
});
export type OrderFilters = z.infer<typeof orderFiltersSchema>;

export function filtersFromSearch(search: URLSearchParams | Record<string, string | string[] | undefined>): OrderFilters | null {
  const entries = search instanceof URLSearchParams ? [...search.entries()] : Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const parsed = orderFiltersSchema.safeParse(Object.fromEntries(entries));
  return parsed.success ? parsed.data : null;
}

/** The query string of these filters (without the cursor unless asked), for links and the export. */
export function filtersQuery(f: OrderFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["status", "review", "fulfillment", "from", "to", "q"] as const) if (f[key]) params.set(key, f[key]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE clause of the filters; `to` is inclusive (the whole day, UTC). */
function whereSql(sql: Sql, f: OrderFilters) {
  return sql`where true
    ${f.status ? sql`and o.status = ${f.status}` : sql``}
    ${f.review ? sql`and o.needs_review` : sql``}
    ${f.fulfillment ? sql`and o.fulfillment_status = ${f.fulfillment}` : sql``}
    ${f.from ? sql`and o.created_at >= ${`${f.from}T00:00:00Z`}::timestamptz` : sql``}
    ${f.to ? sql`and o.created_at < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day'` : sql``}
    ${f.q ? sql`and u.email ilike ${likePattern(f.q)}` : sql``}`;
}

export interface OrderListRow {
  id: string;
  created_at: Date;
  status: string;
  needs_review: boolean;
  review_reason: string | null;
  fulfillment_status: string;
  currency: string;
  amount_total: number;
  amount_refunded: number;
  email: string | null;
}

/**
 * One page, newest first, by keyset: `after` is the last order id of the previous page, and the page
 * continues below its (created_at, id), so deep pages cost what the first one does and new orders
 * never shift rows between pages. `next` is the cursor of the following page, null on the last.
 */
export async function listOrders(f: OrderFilters, pageSize = PAGE_SIZE): Promise<{ rows: OrderListRow[]; next: string | null }> {
  const sql = db();
  const rows = await sql<OrderListRow[]>`
    select o.id, o.created_at, o.status, o.needs_review, o.review_reason, o.fulfillment_status, o.currency, o.amount_total,
           o.amount_refunded, u.email
    from orders o left join auth.users u on u.id = o.user_id
    ${whereSql(sql, f)}
    ${f.after ? sql`and (o.created_at, o.id) < (select created_at, id from orders where id = ${f.after})` : sql``}
    order by o.created_at desc, o.id desc
    limit ${pageSize + 1}`;
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  return { rows: page, next: more ? page[page.length - 1]!.id : null };
}

export interface OrderExportRow extends OrderListRow {
  paid_at: Date | null;
  amount_shipping: number;
  carrier: string | null;
  tracking_number: string | null;
  items: string;
  stripe_payment_intent_id: string | null;
}

/** Every order of the filters, newest first, `batch` rows at a time through a server-side cursor. */
export function exportOrders(f: OrderFilters, batch = 500): AsyncIterable<OrderExportRow[]> {
  const sql = db();
  return sql<OrderExportRow[]>`
    select o.id, o.created_at, o.paid_at, o.status, o.needs_review, o.review_reason, o.fulfillment_status, o.currency,
           o.amount_total, o.amount_refunded, o.amount_shipping, o.carrier, o.tracking_number, o.stripe_payment_intent_id, u.email,
           coalesce((select string_agg(i.quantity || ' x ' || i.sku, '; ' order by i.position) from order_items i where i.order_id = o.id), '') as items
    from orders o left join auth.users u on u.id = o.user_id
    ${whereSql(sql, f)}
    order by o.created_at desc, o.id desc`.cursor(batch);
}
