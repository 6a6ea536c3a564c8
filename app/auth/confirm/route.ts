import { isAuthApiError, type EmailOtpType } from "@supabase/supabase-js";
import { NextResponse } from "next/server";
import { z } from "zod";
import { safeNext } from "@/app/_server/safe-next";
import { cookieSupabase } from "@/lib/auth/server-client";
import type { LinkError } from "@/lib/auth/auth-messages";
import { readCookies } from "@/lib/http/cookies";
import { logError } from "@/lib/http/log";
import { appOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

const linkQuery = z.object({
  token_hash: z.string().min(1).max(512).regex(/^[A-Za-z0-9_-]+$/),
  type: z.enum(["signup", "invite", "magiclink", "recovery", "email", "email_change"]),
  next: z.string().optional(),
});

/** A relative Location: the browser stays on the host it used, whatever Host header reached us. */
function redirectTo(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

const failed = (type: string | null, reason: LinkError) =>
  redirectTo(`${type === "recovery" ? "/login/forgot" : "/login"}?error=${reason}`);

/**
 * GET /auth/confirm?token_hash=…&type=…&next=… — where confirmation, recovery and magic-link mails
 * land (Supabase's server-side auth guide, "Email templates" + "/auth/confirm" route handler):
 * verifyOtp on the server, the session written to the response's cookies, then a 303 to `next` on
 * the shop (a recovery always goes to /account/password to choose a new password).
 */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const parsed = linkQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) return failed(query.get("type"), "link_invalid");
  const { token_hash, type, next } = parsed.data;

  const destination = type === "recovery" ? "/account/password" : safeNext(next, appOrigin(request));
  const response = redirectTo(destination);
  const supabase = cookieSupabase({
    getAll: () => readCookies(request),
    setAll: (cookies) => {
      for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
    },
  });
  try {
    const { error } = await supabase.auth.verifyOtp({ token_hash, type: type as EmailOtpType });
    if (!error) return response;
    // 4xx from Supabase Auth: an unknown, used or expired link (otp_expired) or a malformed one.
    if (isAuthApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429) return failed(type, "link_invalid");
    logError("auth.confirm", error);
  } catch (e) {
    logError("auth.confirm", e);
  }
  return failed(type, "unavailable");
}
