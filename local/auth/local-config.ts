import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { GoTrueError, badRequest } from "./errors";
import { header } from "./http";
import { readParams } from "./params";

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/**
 * GET|PUT /auth/v1/_local/config: a control of this stand-in only (GoTrue has no such endpoint; its
 * settings are environment variables). Lets a test switch email confirmations on and off at run
 * time: `{"mailer_autoconfirm": false}`. Only `Authorization: Bearer <service role key>` may use it.
 */
export async function localConfig(ctx: AuthContext, req: IncomingMessage) {
  const given = /^bearer (\S+)$/i.exec(header(req, "authorization") ?? "")?.[1] ?? "";
  if (!crypto.timingSafeEqual(digest(given), digest(ctx.serviceRoleKey))) {
    throw new GoTrueError(403, "not_admin", "User not allowed");
  }
  if (req.method === "PUT") {
    const params = await readParams(req);
    if (params.mailer_autoconfirm !== undefined) {
      if (typeof params.mailer_autoconfirm !== "boolean") throw badRequest("validation_failed", "mailer_autoconfirm must be a boolean");
      ctx.mailerAutoconfirm = params.mailer_autoconfirm;
    }
  }
  return { mailer_autoconfirm: ctx.mailerAutoconfirm };
}
