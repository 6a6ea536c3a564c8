import { addItems } from "@/lib/cart/mutations";
import { addBody } from "@/lib/cart/schemas";
import { cartResponse, handleCartPost } from "@/lib/cart/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, addBody, async (owner, body) => {
    const result = await addItems(owner, body.items);
    return cartResponse(request, owner, result.loaded, result.createdNumber);
  }, "POST /api/cart/add");
}
