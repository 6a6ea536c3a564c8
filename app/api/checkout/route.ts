import { z } from "zod";
import { bearerToken } from "@/lib/auth/bearer";
import { verifyAccessToken } from "@/lib/auth/verify";
import { checkoutWithPaymentIntent } from "@/lib/checkout/payment-intent-checkout";
import { CheckoutRejection } from "@/lib/checkout/payment-intent-lines";
import { CHECKOUT_ERRORS as E, CHECKOUT_REQUEST_ERRORS as R } from "@/lib/checkout/payment-intent-schemas";
import { readJson } from "@/lib/http/body";
import { logError } from "@/lib/http/log";
import { CheckoutRateLimited, checkCheckoutRate, checkoutRateCheck, retryAfterHeaders } from "@/lib/limits/checkout-rate";
import { closeUnpaidBeyondCap } from "@/lib/limits/unpaid-orders";
import { appOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

const idempotencyKey = z.string().trim().min(1).max(255).nullable();
const fail = (status: number, error: string) => Response.json({ error }, { status });

/** Authenticated PaymentIntent order creation (seed 002): answers {clientSecret, orderId}. */
export async function POST(request: Request): Promise<Response> {
  try {
    const token = bearerToken(request);
    const user = token ? await verifyAccessToken(token) : null;
    if (!user) return fail(401, E.unauthorized);
    // Every attempt is counted first: here when the request is refused before the order's read,
    // else in that read (one round trip for both).
    const who = { userId: user.userId, cartNumber: null };
    const countAlone = async () => {
      const rate = await checkCheckoutRate(request, who);
      if (!rate.allowed) throw new CheckoutRateLimited(rate.retryAfterSeconds);
    };
    const key = idempotencyKey.safeParse(request.headers.get("idempotency-key"));
    if (!key.success) {
      await countAlone();
      return fail(400, R.idempotencyKey);
    }
    const body = await readJson(request, { requireJsonType: false }).catch(async (error: unknown) => {
      await countAlone();
      throw error;
    });
    if (!body.ok) {
      await countAlone();
      return fail(400, E.empty);
    }
    const { beyondCap, ...answer } = await checkoutWithPaymentIntent(user.userId, body.value, key.data, checkoutRateCheck(request, who));
    await closeUnpaidBeyondCap({ userId: user.userId, cartNumber: null }, answer.orderId, appOrigin(request), beyondCap);
    return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof CheckoutRateLimited) {
      return Response.json({ error: R.tooManyRequests }, { status: 429, headers: retryAfterHeaders(error.retryAfterSeconds) });
    }
    if (error instanceof CheckoutRejection) return fail(error.status, error.message);
    logError("POST /api/checkout", error);
    return fail(500, E.failed);
  }
}
