import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { LINK_TOKEN_TYPES, redeemEmailLink } from "./email-link";
import { GoTrueError, badRequest, forbidden } from "./errors";
import { issueAuthCode } from "./flow-state";
import { header } from "./http";
import { PKCE_PREFIX, parseLinkAuthenticationMethod, type LinkAuthenticationMethod } from "./pkce";
import { isRedirectUrlValid } from "./redirect";
import { errorRedirectUrl, implicitRedirectUrl, pkceRedirectUrl } from "./redirect-url";
import { startSession } from "./session";

/** A 303 See Other to `location`, which the router writes instead of a JSON body. */
export class Redirect {
  constructor(readonly location: string) {}
}

/**
 * utilities.GetReferrer (internal/utilities/request.go): the `redirect_to` header or parameter when
 * allowed, else the Referer when allowed, else the site URL.
 */
function referrer(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams): string {
  const valid = (u: string | undefined | null) => !!u && isRedirectUrlValid(u, ctx.siteUrl, ctx.redirectAllowList);
  const requested = header(req, "redirect_to") || query.get("redirect_to");
  if (valid(requested)) return requested!;
  const referer = header(req, "referer");
  if (valid(referer)) return referer!;
  return ctx.siteUrl;
}

/**
 * GET /verify?token=…&type=…&redirect_to=… (Verify and verifyGet in supabase/auth
 * internal/api/verify.go): the `{{ .ConfirmationURL }}` of Supabase's default mail templates. The link
 * is verified like POST /verify (single use), then the browser is sent back with 303:
 *  - PKCE flow (the token has the `pkce_` prefix): to `redirect_to?code=<auth code>` of the user's
 *    latest flow state for the link's method; the app exchanges it with its code verifier;
 *  - implicit flow: to `redirect_to#access_token=…&…&type=…`, the session in the fragment;
 *  - a refused link: to `redirect_to` with error, error_code and error_description in the fragment
 *    (and the query, for PKCE). A missing type or token is answered as JSON, as upstream does.
 * The gateway lets /auth/v1/verify through without an apikey (supabase/supabase
 * docker/volumes/api/kong.yml, service auth-v1-open): mail links carry none.
 */
export async function verifyGet(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams): Promise<Redirect> {
  const token = query.get("token") ?? "";
  const type = query.get("type") ?? "";
  const redirectTo = referrer(ctx, req, query);
  if (type === "") throw badRequest("validation_failed", "Verify requires a verification type");
  if (token === "") throw badRequest("validation_failed", "Verify requires a token or a token hash");

  const pkce = token.startsWith(PKCE_PREFIX);
  let method: LinkAuthenticationMethod | undefined;
  if (pkce) {
    method = parseLinkAuthenticationMethod(type);
    // GoTrue answers an unparsable method with a 500 before verifying; the stand-in with a 400.
    if (!method) throw badRequest("validation_failed", `unsupported authentication method "${type}"`);
  }

  try {
    const types = LINK_TOKEN_TYPES[type];
    if (!types) throw badRequest("validation_failed", "Invalid email verification type");
    const now = new Date();
    type Outcome = { code: string } | { session: Awaited<ReturnType<typeof startSession>>; verifiedType: string };
    const outcome = await ctx.sql.begin(async (tx): Promise<Outcome | undefined> => {
      const redeemed = await redeemEmailLink(ctx, tx, { tokenHash: token, types }, now);
      if (!redeemed) return undefined;
      // Without a flow state the whole verification rolls back: the link stays usable.
      if (method) return { code: await issueAuthCode(tx, redeemed.user.id, method) };
      // verifyTokenHash turns type "email" into the kind of token it found.
      const verifiedType = type === "email" ? (redeemed.tokenType === "recovery_token" ? "magiclink" : "signup") : type;
      return { session: await startSession(ctx, tx, redeemed.user, now), verifiedType };
    });
    // An expired token is deleted all the same: commit, then redirect with the error.
    if (!outcome) throw forbidden("otp_expired", "Email link is invalid or has expired");
    if ("code" in outcome) return new Redirect(pkceRedirectUrl(redirectTo, outcome.code));
    return new Redirect(implicitRedirectUrl(redirectTo, outcome.verifiedType, outcome.session));
  } catch (e) {
    if (e instanceof GoTrueError) return new Redirect(errorRedirectUrl(redirectTo, e, pkce));
    throw e;
  }
}
