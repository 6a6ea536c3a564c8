import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportOrders } from "@/app/api/admin/orders/export/route";
import { db } from "@/lib/db";
import { csvCell } from "@/lib/admin/csv";
import { majorAmountText, parseMajorAmount } from "@/lib/admin/amount";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { insertOrder, newMerchant, type TestMerchant } from "./helpers";

// 10,000 orders on one day of 2002 that no other test uses; the export is filtered to it.
const DAY = "2002-06-01";
const N = 10_000;
let auth: AuthStack;
let merchant: TestMerchant;

beforeAll(async () => {
  auth = await startAuthStack();
  merchant = await newMerchant(auth);
  await db()`
    insert into orders (status, currency, amount_total, amount_refunded, source, expires_at, paid_at, created_at, stock_held, review_reason, needs_review)
    select case when i % 10 = 0 then 'refunded' else 'paid' end, case when i % 2 = 0 then 'eur' else 'jpy' end, 1000 + i,
           case when i % 10 = 0 then 1000 + i else 0 end, 'payment_intent', ${`${DAY}T23:00:00Z`}::timestamptz,
           ${`${DAY}T00:00:00Z`}::timestamptz + i * interval '1 second', ${`${DAY}T00:00:00Z`}::timestamptz + i * interval '1 second', false,
           case when i = 7 then '=HYPERLINK("http://evil.example")' end, i = 7
    from generate_series(1, ${N}) as i`;
}, 60_000);
afterAll(() => auth.close());

/** V8's gc(), exposed at run time: heap figures after a collection are live data, not garbage. */
function gcFunction(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

describe("CSV export", () => {
  it(`streams ${N.toLocaleString("en")} orders in constant memory, amounts in major units with their currency`, async () => {
    const gc = gcFunction();
    const res = await merchant.browser.call(async (request) => {
      const response = await exportOrders(request);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
      // Read it the way a slow client would, measuring the live heap as the rows go by.
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let chunks = 0;
      const decoder = new TextDecoder();
      let text = "";
      const lineCounts: number[] = [];
      const reader = response.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const part = decoder.decode(value, { stream: true });
        lineCounts.push(part.split("\r\n").length - 1);
        // Keep only the first rows and a count: the test itself must not hold the whole file.
        if (text.length < 4000) text += part;
        if (++chunks % 4 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
      }
      const rows = lineCounts.reduce((a, b) => a + b, 0);
      return new Response(JSON.stringify({ peak, chunks, rows, head: text.slice(0, 4000) }));
    }, { path: `/api/admin/orders/export?from=${DAY}&to=${DAY}` });
    const { peak, chunks, rows, head } = res.body as { peak: number; chunks: number; rows: number; head: string };
    expect(rows).toBe(N + 1);
    // One chunk per cursor batch (500 rows) after the header: the rows were never all in memory at once.
    expect(chunks).toBeGreaterThanOrEqual(N / 500);
    // The whole export is ~1.5 MB of text and ~10 MB as row objects; holding one batch costs a few hundred kB.
    expect(peak).toBeLessThan(3 * 1024 * 1024);

    const lines = head.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("order_id,created_at,paid_at,email,status,needs_review,review_reason,fulfillment_status,currency,amount_total,amount_refunded,amount_shipping,items,carrier,tracking_number,stripe_payment_intent");
    // Newest first: i = 10000 (eur, refunded in full), then 9999 (jpy, no minor unit).
    expect(lines[1]!.split(",").slice(4, 12)).toEqual(["refunded", "false", "", "unfulfilled", "EUR", "110.00", "110.00", "0.00"]);
    expect(lines[2]!.split(",").slice(4, 12)).toEqual(["paid", "false", "", "unfulfilled", "JPY", "10999", "0", "0"]);
  });

  it("filters the export like the list, and neutralises formulas", async () => {
    const res = await merchant.browser.call(exportOrders, { path: `/api/admin/orders/export?from=${DAY}&to=${DAY}&review=1` });
    const lines = (res.body as string).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const bad = await merchant.browser.call(exportOrders, { path: "/api/admin/orders/export?from=yesterday" });
    expect(bad.status).toBe(400);
  });

  it("a paid order without items is exported; cells are quoted only when needed", async () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell(null)).toBe("");
    expect(majorAmountText(5, "eur")).toBe("0.05");
    expect(majorAmountText(123456, "usd")).toBe("1234.56");
    expect(majorAmountText(500, "jpy")).toBe("500");
    expect(parseMajorAmount("5,5", "eur")).toBe(550);
    expect(parseMajorAmount("0", "eur")).toBeNull();
    expect(parseMajorAmount("12.5", "jpy")).toBeNull();
    const id = await insertOrder({ amountTotal: 1, paidAt: new Date("2002-06-02T10:00:00Z") });
    const res = await merchant.browser.call(exportOrders, { path: "/api/admin/orders/export?from=2002-06-02&to=2002-06-02" });
    expect(res.body as string).toContain(`${id},2002-06-02T10:00:00.000Z`);
  });
});
