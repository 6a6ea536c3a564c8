import { adminRead } from "@/lib/admin/http";
import { dashboardWindows, lowStock, ordersNeedingReview, revenueByDay, salesTotals, topProducts } from "@/lib/admin/dashboard";

export const dynamic = "force-dynamic";

/** The dashboard's figures as JSON (minor units). */
export async function GET(request: Request): Promise<Response> {
  return adminRead(request, "GET /api/admin/summary", async () => {
    const w = dashboardWindows(new Date());
    const [today, last30, revenue, top, low, review] = await Promise.all([
      salesTotals(w.today), salesTotals(w.last30), revenueByDay(w.last30), topProducts(w.last30), lowStock(), ordersNeedingReview(),
    ]);
    return Response.json({ today, last_30_days: last30, revenue_by_day: revenue, top_products: top, low_stock: low, needs_review: review },
      { headers: { "Cache-Control": "no-store" } });
  });
}
