import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { GoTrueError, badRequest } from "./errors";
import { header } from "./http";
import { MAIL_LINKS, type MailLink } from "./mail-templates";
import { readParams } from "./params";

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/**
 * GET|PUT /auth/v1/_local/config: a control of this stand-in only (GoTrue has no such endpoint; its
 * settings are environment variables). Lets a test switch email confirmations on and off at run
 * time, `{"mailer_autoconfirm": false}`, and choose the link mails carry, `{"mail_link":
 * "confirmation_url"}` (AUTH_MAIL_LINK). Only `Authorization: Bearer <service role key>` may use it.
 * A bad value changes nothing.
 */
export async function localConfig(ctx: AuthContext, req: IncomingMessage) {
  const given = /^bearer (\S+)$/i.exec(header(req, "authorization") ?? "")?.[1] ?? "";
  if (!crypto.timingSafeEqual(digest(given), digest(ctx.serviceRoleKey))) {
    throw new GoTrueError(403, "not_admin", "User not allowed");
  }
  if (req.method === "PUT") {
    const params = await readParams(req);
    const { mailer_autoconfirm: autoconfirm, mail_link: mailLink } = params;
    if (autoconfirm !== undefined && typeof autoconfirm !== "boolean") {
      throw badRequest("validation_failed", "mailer_autoconfirm must be a boolean");
    }
    if (mailLink !== undefined && !MAIL_LINKS.includes(mailLink as MailLink)) {
      throw badRequest("validation_failed", `mail_link must be one of ${MAIL_LINKS.join(", ")}`);
    }
    if (typeof autoconfirm === "boolean") ctx.mailerAutoconfirm = autoconfirm;
    if (mailLink !== undefined) ctx.mailLink = mailLink as MailLink;
  }
  return { mailer_autoconfirm: ctx.mailerAutoconfirm, mail_link: ctx.mailLink };
}
