import crypto from "node:crypto";
import { getEnv } from "@/lib/env";
import { bearerToken } from "@/lib/auth/bearer";
import { sweepOrders } from "@/lib/orders/sweep";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const given = Buffer.from(bearerToken(request) ?? "");
  const expected = Buffer.from(getEnv().CRON_SECRET);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET`: closes expired reservations and
 * heals missed webhooks; answers `{expired, settled, skipped, failed}`.
 */
export async function GET(request: Request): Promise<Response> {
  if (!authorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  try {
    return Response.json(await sweepOrders());
  } catch (error) {
    logError("cron expire-reservations", error);
    return Response.json({ error: "Server Error" }, { status: 500 });
  }
}
