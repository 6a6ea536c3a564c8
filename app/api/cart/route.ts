import { db } from "@/lib/db";
import { loadCart } from "@/lib/cart/queries";
import { cartFailure, cartResponse } from "@/lib/cart/http";
import { cartOwnerFromRequest } from "@/lib/cart/owner";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const owner = await cartOwnerFromRequest(request);
    return cartResponse(request, owner, await loadCart(db(), owner));
  } catch (error) {
    return cartFailure(error, "GET /api/cart");
  }
}
