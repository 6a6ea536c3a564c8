import { AdminInputError, adminRead } from "@/lib/admin/http";
import { exportOrders, filtersFromSearch } from "@/lib/admin/orders-list";
import { csvStream } from "@/lib/admin/csv";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

/** The filtered orders as CSV, streamed from a database cursor (constant memory for any number of orders). */
export async function GET(request: Request): Promise<Response> {
  return adminRead(request, "GET /api/admin/orders/export", async () => {
    const filters = filtersFromSearch(new URL(request.url).searchParams);
    if (!filters) throw new AdminInputError(400, "invalid_filters", "status, review, from, to (YYYY-MM-DD) or q is invalid");
    const body = csvStream(exportOrders({ ...filters, after: undefined }), (e) => logError("orders export", e));
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="orders-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
