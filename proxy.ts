import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { serverRealtime } from "@/lib/auth/no-realtime";

/**
 * Refreshes the Supabase session cookie before pages and APIs read it (Next 16's request interceptor).
 * It runs only for requests that carry a session (see config): guests never pay for it.
 */
export async function proxy(request: NextRequest) {
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

/*
 * @supabase/ssr keeps the session in `sb-<project-ref>-auth-token`, split into `….0`, `….1`, … when
 * it is too long for one cookie (@supabase/ssr src/utils/chunker.ts; auth-js's default storageKey
 * `sb-${new URL(url).hostname.split(".")[0]}-auth-token`). The project ref is known only at run time
 * (one build serves any project), and a matcher's `has` cookie condition takes an exact cookie name,
 * so the condition reads the Cookie header with a regular expression instead (Next.js proxy docs,
 * "matcher": `has`/`missing` with type "header", value a regex matched against the whole value).
 * The matcher must be a literal: Next reads it from the source at build time.
 */
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|images/|favicon.ico|api/floor|api/webhooks|api/products|api/cron).*)",
      has: [{ type: "header", key: "cookie", value: "(?:.*;\\s*)?sb-[^=;\\s]+-auth-token(?:\\.\\d+)?=.*" }],
    },
  ],
};
