import { AdminInputError, adminRead } from "@/lib/admin/http";
import { filtersFromSearch, listOrders } from "@/lib/admin/orders-list";

export const dynamic = "force-dynamic";

/** One page of orders (filters as on /admin/orders; `after` = the previous page's `next`). */
export async function GET(request: Request): Promise<Response> {
  return adminRead(request, "GET /api/admin/orders", async () => {
    const filters = filtersFromSearch(new URL(request.url).searchParams);
    if (!filters) throw new AdminInputError(400, "invalid_filters", "status, review, from, to (YYYY-MM-DD), q or after is invalid");
    const page = await listOrders(filters);
    return Response.json({ orders: page.rows, next: page.next }, { headers: { "Cache-Control": "no-store" } });
  });
}
