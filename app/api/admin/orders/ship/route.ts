import { z } from "zod";
import { adminAction, AdminInputError, adminReturnPath, isFormPost, parseFields, readBody } from "@/lib/admin/http";
import { shipmentSchema, shipOrders, type Shipment } from "@/lib/admin/fulfillment";

export const dynamic = "force-dynamic";

const jsonBody = z.object({
  shipments: z.array(z.object({ order_id: z.string(), carrier: z.string(), tracking_number: z.string() })).min(1).max(200),
});

/**
 * Mark paid orders shipped with their tracking, all or none. JSON: {shipments: [{order_id, carrier,
 * tracking_number}]}. Form (the orders list): `order` per ticked order, one `carrier`, `tracking_<order id>` each.
 */
export async function POST(request: Request): Promise<Response> {
  let back = "/admin/orders";
  return adminAction(request, "POST /api/admin/orders/ship", async (merchant) => {
    const text = await readBody(request, 256 * 1024);
    const form = isFormPost(request) ? new URLSearchParams(text) : null;
    back = adminReturnPath(form?.get("return_to") ?? null, back);
    const shipments = form ? fromForm(form) : fromJson(text);
    const shipped = await shipOrders(merchant, shipments);
    const join = back.includes("?") ? "&" : "?";
    return {
      json: { shipped },
      redirect: back === "/admin/orders" ? `${back}${join}shipped=${shipped.length}` : `${back}${join}notice=shipped`,
    };
  }, () => back);
}

function fromForm(form: URLSearchParams): Shipment[] {
  const ids = form.getAll("order");
  if (ids.length === 0) throw new AdminInputError(400, "no_orders", "Select at least one order to ship");
  if (ids.length > 200) throw new AdminInputError(400, "too_many", "At most 200 orders at once");
  const carrier = form.get("carrier");
  return ids.map((orderId) => {
    const trackingNumber = form.get(`tracking_${orderId}`) ?? "";
    if (trackingNumber.trim() === "") throw new AdminInputError(400, "tracking_required", `Enter a tracking number for order ${orderId.slice(0, 8)}`);
    return parseFields(shipmentSchema, { orderId, carrier, trackingNumber });
  });
}

function fromJson(text: string): Shipment[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AdminInputError(400, "invalid_json", "Body must be JSON or a form");
  }
  const { shipments } = parseFields(jsonBody, json);
  return shipments.map((s) => parseFields(shipmentSchema, { orderId: s.order_id, carrier: s.carrier, trackingNumber: s.tracking_number }));
}
