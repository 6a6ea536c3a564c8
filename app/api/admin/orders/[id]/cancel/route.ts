import { adminAction, orderIdParam } from "@/lib/admin/http";
import { cancelUnpaidOrder } from "@/lib/admin/cancel";

export const dynamic = "force-dynamic";

/** Cancel an unpaid order at Stripe and release its stock (the one close-at-Stripe path). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const raw = (await params).id;
  return adminAction(request, "POST /api/admin/orders/[id]/cancel", async (merchant) => {
    const orderId = await orderIdParam(params);
    await cancelUnpaidOrder(merchant, orderId);
    return { json: { status: "canceled" }, redirect: `/admin/orders/${orderId}?notice=canceled` };
  }, `/admin/orders/${encodeURIComponent(raw)}`);
}
