import { checkoutBody } from "@/lib/cart/schemas";
import { handleCartPost, withCartCookie } from "@/lib/cart/http";
import { checkoutCart } from "@/lib/checkout/session-checkout";
import { appOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

/** Answers the Checkout Session as Stripe returned it; `url` is where to send the shopper. */
export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, checkoutBody, async (owner, body) => {
    const origin = appOrigin(request);
    const { session } = await checkoutCart(owner, body.ui_mode, origin);
    const answer = body.ui_mode === "elements" ? { ...session, url: `${origin}/checkout/session/${session.id}` } : session;
    return withCartCookie(Response.json(answer, { headers: { "Cache-Control": "no-store" } }), request, owner, null);
  }, "POST /api/cart/checkout");
}
