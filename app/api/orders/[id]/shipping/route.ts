import { z } from "zod";
import { cartOwnerFromRequest } from "@/lib/cart/owner";
import { IntentShippingError, setIntentShipping } from "@/lib/checkout/intent-shipping";
import { ADDRESS_INCOMPLETE } from "@/lib/checkout/messages";
import { shippingDetailsSchema } from "@/lib/checkout/shipping-details";
import { findVisibleOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { ORDER_MESSAGES as M } from "@/lib/orders/messages";
import { getOrderWithItems } from "@/lib/orders/queries";
import { readJson } from "@/lib/http/body";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const body = z.object({ shipping_details: shippingDetailsSchema, shipping_rate: z.string().min(1).max(100).nullable().optional() });
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The PaymentIntent page's address step, before the payment is confirmed:
 * {shipping_details: {name, address: {line1, line2?, city, postal_code, state?, country}}, shipping_rate?}.
 * Answers the order (with its new total); 404 for anyone but its owner.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const raw = await readJson(request, { requireJsonType: true });
    if (!raw.ok) return fail(raw.reason === "content_type" ? 415 : 400, M.bodyNotJson);
    const parsed = body.safeParse(raw.value);
    if (!parsed.success) return fail(400, ADDRESS_INCOMPLETE);
    const order = await findVisibleOrder((await params).id, cartOwnerFromRequest(request));
    if (!order) return fail(404, M.notFound);
    await setIntentShipping(order, parsed.data.shipping_details, parsed.data.shipping_rate ?? null);
    const updated = await getOrderWithItems(order.id);
    return Response.json(orderJson(updated!), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof IntentShippingError) return fail(error.status, error.message);
    logError("POST /api/orders/[id]/shipping", error);
    return fail(500, M.serverError);
  }
}
