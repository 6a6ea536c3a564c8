import { z } from "zod";
import { clearCart } from "@/lib/cart/mutations";
import { cartResponse, handleCartPost } from "@/lib/cart/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, z.object({}).passthrough(), async (owner) => {
    const result = await clearCart(owner);
    return cartResponse(request, owner, result.loaded);
  }, "POST /api/cart/clear");
}
