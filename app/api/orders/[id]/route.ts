import { z } from "zod";
import { cartOwnerFromRequest } from "@/lib/cart/owner";
import { canViewOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { getOrderWithItems } from "@/lib/orders/queries";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const NOT_FOUND = () => Response.json({ error: "Order not found" }, { status: 404 });

/** The order for its owner (Bearer token or session/cart cookie); 404 for anyone else. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = z.string().uuid().safeParse((await params).id);
  if (!id.success) return NOT_FOUND();
  try {
    const [owner, order] = await Promise.all([cartOwnerFromRequest(request), getOrderWithItems(id.data)]);
    if (!order || !canViewOrder(order, owner)) return NOT_FOUND();
    return Response.json(orderJson(order), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logError("GET /api/orders/[id]", error);
    return Response.json({ error: "Server Error" }, { status: 500 });
  }
}
