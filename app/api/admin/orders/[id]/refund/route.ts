import { z } from "zod";
import { adminAction, AdminInputError, orderIdParam, parseFields, readFields } from "@/lib/admin/http";
import { parseMajorAmount } from "@/lib/admin/amount";
import { requestIdSchema, requestRefund } from "@/lib/admin/refund";
import { getOrder } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

const body = z.object({
  request_id: requestIdSchema,
  /** Major units ("5", "5.50"); empty or absent refunds everything not yet refunded. */
  amount: z.string().trim().max(20).optional().transform((v) => (v ? v : null)),
});

/** Refund a paid order (full or partial) at Stripe; the order follows when the webhook arrives. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const raw = (await params).id;
  return adminAction(request, "POST /api/admin/orders/[id]/refund", async (merchant) => {
    const orderId = await orderIdParam(params);
    const input = parseFields(body, Object.fromEntries(await readFields(request)));
    let amount: number | null = null;
    if (input.amount !== null) {
      const order = await getOrder(orderId);
      if (!order) throw new AdminInputError(404, "order_not_found", "Order not found");
      amount = parseMajorAmount(input.amount, order.currency);
      if (amount === null) throw new AdminInputError(400, "invalid_amount", `amount: a positive amount in ${order.currency.toUpperCase()}, e.g. 5 or 5.50`);
    }
    const refund = await requestRefund(merchant, { orderId, amount, requestId: input.request_id });
    return {
      json: { refund: refund.refundId, amount: refund.amount, replayed: refund.replayed },
      redirect: `/admin/orders/${orderId}?notice=refund_requested`,
    };
  }, `/admin/orders/${encodeURIComponent(raw)}`);
}
