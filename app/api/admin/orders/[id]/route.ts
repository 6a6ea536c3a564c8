import { AdminInputError, adminRead, orderIdParam } from "@/lib/admin/http";
import { adminOrder } from "@/lib/admin/order-detail";

export const dynamic = "force-dynamic";

/** An order as the back office sees it: items, fulfillment, customer, full timeline. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return adminRead(request, "GET /api/admin/orders/[id]", async () => {
    const data = await adminOrder(await orderIdParam(params));
    if (!data) throw new AdminInputError(404, "order_not_found", "Order not found");
    return Response.json(data, { headers: { "Cache-Control": "no-store" } });
  });
}
