import { isAuthApiError, isAuthPKCECodeVerifierMissingError, type EmailOtpType } from "@supabase/supabase-js";
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
// Supabase's default templates link to GoTrue's /verify, which comes back here with a PKCE `code`.
const codeQuery = z.object({
  code: z.string().min(1).max(512).regex(/^[A-Za-z0-9_-]+$/),
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
 * With Supabase's default templates ({{ .ConfirmationURL }}) GoTrue verifies the link itself and
 * redirects here with `?code=`: that code is exchanged for the session (exchangeCodeForSession, the
 * PKCE verifier being in this browser's cookies since it asked for the mail).
 */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const params = Object.fromEntries(query);
  const link = linkQuery.safeParse(params);
  const code = link.success ? undefined : codeQuery.safeParse(params);
  if (!link.success && !code?.success) return failed(query.get("type"), "link_invalid");
  const type = link.success ? link.data.type : null;
  const next = link.success ? link.data.next : code?.data?.next;

  const destination = type === "recovery" ? "/account/password" : safeNext(next, appOrigin(request));
  const response = redirectTo(destination);
  const supabase = cookieSupabase({
    getAll: () => readCookies(request),
    setAll: (cookies) => {
      for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
    },
  });
  try {
    const { error } = link.success
      ? await supabase.auth.verifyOtp({ token_hash: link.data.token_hash, type: link.data.type as EmailOtpType })
      : await supabase.auth.exchangeCodeForSession(code!.data!.code);
    if (!error) return response;
    // 4xx from Supabase Auth: an unknown, used or expired link (otp_expired) or a malformed one; or a
    // code opened in another browser than the one that asked for the mail (no PKCE verifier here).
    if (isAuthApiError(error) && error.code === "flow_state_expired") return failed(type, "link_expired");
    const refused = isAuthApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429;
    if (refused || isAuthPKCECodeVerifierMissingError(error)) return failed(type, "link_invalid");
    logError("auth.confirm", error);
  } catch (e) {
    logError("auth.confirm", e);
  }
  return failed(type, "unavailable");
}
