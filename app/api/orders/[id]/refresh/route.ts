import { cartOwnerFromRequest } from "@/lib/cart/owner";
import { findVisibleOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { ORDER_MESSAGES as M } from "@/lib/orders/messages";
import { getOrderWithItems } from "@/lib/orders/queries";
import { refreshIfDue } from "@/lib/orders/refresh";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

/**
 * The order page's poll while an order is unpaid: for its owner only, reads the order's Stripe
 * object (at most once per order every few seconds) and answers the order as GET /api/orders/[id].
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const order = await findVisibleOrder((await params).id, cartOwnerFromRequest(request));
    if (!order) return Response.json({ error: M.notFound }, { status: 404 });
    const changed = await refreshIfDue(order.id);
    const current = changed ? ((await getOrderWithItems(order.id)) ?? order) : order;
    return Response.json(orderJson(current), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logError("POST /api/orders/[id]/refresh", error);
    return Response.json({ error: M.serverError }, { status: 500 });
  }
}
