import { checkoutBody } from "@/lib/cart/schemas";
import { cartErrorBody } from "@/lib/cart/errors";
import { handleCartPost, withCartCookie } from "@/lib/cart/http";
import { checkoutCart } from "@/lib/checkout/session-checkout";
import { appOrigin } from "@/lib/http/origin";
import { checkCheckoutRate, retryAfterHeaders } from "@/lib/limits/checkout-rate";
import { closeUnpaidBeyondCap } from "@/lib/limits/unpaid-orders";

export const dynamic = "force-dynamic";

/** Answers the Checkout Session as Stripe returned it; `url` is where to send the shopper. */
export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, checkoutBody, async (owner, body) => {
    const rate = await checkCheckoutRate(request, owner);
    if (!rate.allowed) {
      const message = `Too many checkout attempts, try again in ${rate.retryAfterSeconds} seconds`;
      return Response.json(cartErrorBody(429, message), { status: 429, headers: retryAfterHeaders(rate.retryAfterSeconds) });
    }
    const origin = appOrigin(request);
    const { session, orderId } = await checkoutCart(owner, body.ui_mode, origin);
    await closeUnpaidBeyondCap(owner, orderId, origin);
    const answer = body.ui_mode === "elements" ? { ...session, url: `${origin}/checkout/session/${session.id}` } : session;
    return withCartCookie(Response.json(answer, { headers: { "Cache-Control": "no-store" } }), request, owner, null);
  }, "POST /api/cart/checkout");
}
