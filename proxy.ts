import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { serverRealtime } from "@/lib/auth/no-realtime";

/** Refreshes the Supabase session cookie before pages and APIs read it (Next 16's request interceptor). */
export async function proxy(request: NextRequest) {
  if (!request.cookies.getAll().some((c) => c.name.startsWith("sb-"))) return NextResponse.next();
  let response = NextResponse.next({ request });
  const env = getEnv();
  const supabase = createServerClient(env.NEXT_PUBLIC_SUPABASE_URL, env.NEXT_PUBLIC_SUPABASE_ANON_KEY, {
    ...serverRealtime,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookies) => {
        for (const { name, value } of cookies) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
      },
    },
  });
  // getSession refreshes an expiring session into the cookies; it verifies nothing, so a forged cookie
  // costs no request to Supabase Auth here (readers verify with lib/auth/verify.ts, cached JWKS).
  await supabase.auth.getSession().catch(() => undefined);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|images/|favicon.ico|api/webhooks|api/products|api/cron).*)"],
};
