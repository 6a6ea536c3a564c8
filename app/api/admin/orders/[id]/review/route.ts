import { z } from "zod";
import { adminAction, orderIdParam, parseFields, readFields } from "@/lib/admin/http";
import { clearReview } from "@/lib/admin/review";

export const dynamic = "force-dynamic";

const body = z.object({ note: z.string().trim().min(1, "a note is required").max(500) });

/** Clear the order's review flag, with the merchant's note in the timeline. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const raw = (await params).id;
  return adminAction(request, "POST /api/admin/orders/[id]/review", async (merchant) => {
    const orderId = await orderIdParam(params);
    const { note } = parseFields(body, Object.fromEntries(await readFields(request)));
    await clearReview(merchant, orderId, note);
    return { json: { needs_review: false }, redirect: `/admin/orders/${orderId}?notice=review_cleared` };
  }, `/admin/orders/${encodeURIComponent(raw)}`);
}
