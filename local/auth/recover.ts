import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { validateEmail } from "./email";
import { badRequest } from "./errors";
import { readParams, str } from "./params";
import { readPkceParams } from "./pkce";
import { sendActionMail } from "./send-mail";
import { findUserByEmail } from "./store";

/**
 * POST /recover (internal/api/recover.go): mails a recovery link. An unknown address answers the
 * same empty object as a known one, so the endpoint does not reveal who has an account.
 */
export async function recover(ctx: AuthContext, req: IncomingMessage, query: URLSearchParams) {
  const params = await readParams(req);
  const emailParam = str(params, "email");
  if (emailParam === "") throw badRequest("validation_failed", "Password recovery requires an email");
  const email = validateEmail(emailParam);
  const pkce = readPkceParams(params);
  const user = await findUserByEmail(ctx.sql, email);
  if (user) {
    await ctx.sql.begin((tx) =>
      sendActionMail(ctx, tx, { user, action: "recovery", redirectTo: query.get("redirect_to") ?? "", pkce }),
    );
  }
  return {};
}
