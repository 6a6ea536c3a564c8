import { z } from "zod";
import { adminAction, orderIdParam, parseFields, readFields } from "@/lib/admin/http";
import { setFulfillment } from "@/lib/admin/fulfillment";

export const dynamic = "force-dynamic";

const body = z.object({ status: z.enum(["delivered", "returned"]) });

/** Mark a shipped order delivered, or a shipped/delivered one returned (shipping is POST /api/admin/orders/ship). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const raw = (await params).id;
  return adminAction(request, "POST /api/admin/orders/[id]/fulfillment", async (merchant) => {
    const orderId = await orderIdParam(params);
    const { status } = parseFields(body, Object.fromEntries(await readFields(request)));
    await setFulfillment(merchant, orderId, status);
    return { json: { fulfillment_status: status }, redirect: `/admin/orders/${orderId}?notice=${status}` };
  }, `/admin/orders/${encodeURIComponent(raw)}`);
}
