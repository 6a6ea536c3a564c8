import { z } from "zod";
import { cartOwnerFromRequest } from "@/lib/cart/owner";
import { syncCheckoutCart } from "@/lib/checkout/sync-cart";
import { SYNC_REQUEST_ERRORS as R, SyncError, syncErrorBody } from "@/lib/checkout/sync-errors";
import { shippingDetailsSchema } from "@/lib/checkout/shipping-details";
import type { CartChange } from "@/lib/checkout/sync-cart";
import { readJson } from "@/lib/http/body";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const body = z.object({
  lineItemId: z.string().min(1).max(255),
  quantity: z.unknown().optional(),
  remove: z.literal(true).optional(),
});
const quantity = z.number().int().min(1).max(999);
const shipping = z.object({ shippingOption: z.string().min(1).max(100) });
const address = z.object({ shippingDetails: shippingDetailsSchema, shippingOption: z.string().min(1).max(100).optional() });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Cart edits during an open Checkout Session (seed 000): {lineItemId, quantity},
 * {lineItemId, remove: true}, {shippingOption}, or {shippingDetails: {name, address}, shippingOption?}
 * (our page's address step, sent to Stripe as seed 003's `collected_information.shipping_details`).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const raw = await readJson(request, { requireJsonType: true });
    if (!raw.ok) return Response.json(R.invalidRequest, { status: raw.reason === "content_type" ? 415 : 400 });
    let change: CartChange;
    if (isObject(raw.value) && "shippingDetails" in raw.value && !("lineItemId" in raw.value)) {
      const given = address.safeParse(raw.value);
      if (!given.success) return Response.json(R.invalidShippingDetails, { status: 400 });
      change = given.data;
    } else if (isObject(raw.value) && "shippingOption" in raw.value && !("lineItemId" in raw.value)) {
      const picked = shipping.safeParse(raw.value);
      if (!picked.success) return Response.json(R.invalidShippingOption, { status: 400 });
      change = { shippingOption: picked.data.shippingOption };
    } else {
      const parsed = body.safeParse(raw.value);
      if (!parsed.success) {
        const q = isObject(raw.value) && "quantity" in raw.value;
        return Response.json(q ? R.invalidQuantity : R.invalidRequest, { status: 400 });
      }
      const input = parsed.data;
      if (!input.remove && !quantity.safeParse(input.quantity).success) {
        return Response.json(R.invalidQuantity, { status: 400 });
      }
      change = input.remove ? { lineItemId: input.lineItemId, remove: true } : { lineItemId: input.lineItemId, quantity: input.quantity as number };
    }
    const sessionId = (await params).id;
    if (!/^cs_[A-Za-z0-9_]{1,250}$/.test(sessionId)) return Response.json(R.notFound, { status: 404 });
    const owner = await cartOwnerFromRequest(request);
    const result = await syncCheckoutCart(owner, sessionId, change);
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof SyncError) return Response.json(syncErrorBody(error), { status: error.status });
    logError("POST /api/checkout/sessions/[id]/cart", error);
    return Response.json(R.serverError, { status: 500 });
  }
}
