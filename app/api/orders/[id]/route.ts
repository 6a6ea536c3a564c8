import { cartOwnerFromRequest } from "@/lib/cart/owner";
import { findVisibleOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { ORDER_MESSAGES as M } from "@/lib/orders/messages";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const NOT_FOUND = () => Response.json({ error: M.notFound }, { status: 404 });

/** The order for its owner (Bearer token or session/cart cookie); 404 for anyone else. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const order = await findVisibleOrder((await params).id, cartOwnerFromRequest(request));
    if (!order) return NOT_FOUND();
    return Response.json(orderJson(order), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logError("GET /api/orders/[id]", error);
    return Response.json({ error: M.serverError }, { status: 500 });
  }
}
