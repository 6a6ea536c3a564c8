import { checkoutBody } from "@/lib/cart/schemas";
import { cartErrorBody } from "@/lib/cart/errors";
import { handleCartPost, withCartCookie } from "@/lib/cart/http";
import { CART_MESSAGES } from "@/lib/cart/messages";
import { checkoutCart } from "@/lib/checkout/session-checkout";
import { appOrigin } from "@/lib/http/origin";
import { CheckoutRateLimited, checkoutRateCheck, retryAfterHeaders } from "@/lib/limits/checkout-rate";
import { closeUnpaidBeyondCap } from "@/lib/limits/unpaid-orders";

export const dynamic = "force-dynamic";

/** Answers the Checkout Session as Stripe returned it; `url` is where to send the shopper. */
export async function POST(request: Request): Promise<Response> {
  return handleCartPost(request, checkoutBody, async (owner, body) => {
    const origin = appOrigin(request);
    let result: Awaited<ReturnType<typeof checkoutCart>>;
    try {
      // The attempt is counted in the checkout's first read (one round trip for both).
      result = await checkoutCart(owner, body.ui_mode, origin, checkoutRateCheck(request, owner));
    } catch (error) {
      if (!(error instanceof CheckoutRateLimited)) throw error;
      const message = CART_MESSAGES.tooManyCheckouts(error.retryAfterSeconds);
      return Response.json(cartErrorBody(429, message), { status: 429, headers: retryAfterHeaders(error.retryAfterSeconds) });
    }
    const { session, orderId } = result;
    await closeUnpaidBeyondCap(owner, orderId, origin, result.beyondCap);
    const answer = body.ui_mode === "elements" ? { ...session, url: `${origin}/checkout/session/${session.id}` } : session;
    return withCartCookie(Response.json(answer, { headers: { "Cache-Control": "no-store" } }), request, owner, null);
  }, "POST /api/cart/checkout");
}
