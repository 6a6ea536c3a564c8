import { updateItems } from "@/lib/cart/mutations";
import { updateBody } from "@/lib/cart/schemas";
import { cartResponse, handleCartPost } from "@/lib/cart/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, updateBody, async (owner, body) => {
    const result = await updateItems(owner, body);
    return cartResponse(request, owner, result.loaded, result.createdNumber);
  }, "POST /api/cart/update");
}
