import { z } from "zod";
import { appOrigin } from "../http/origin";
import { logError } from "../http/log";
import { merchantFromRequest, type Merchant } from "./merchant";

/** What everyone but a merchant gets from /admin and /api/admin: the back office is not revealed. */
export function notFound(): Response {
  return Response.json({ error: "Not found" }, { status: 404 });
}

export class AdminInputError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
  }
}

/** Form posts (the back office's own pages, no JavaScript) are answered with a redirect; API clients with JSON. */
export function isFormPost(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

const MAX_BODY_BYTES = 64 * 1024;

/** The body as text, refused with a 413 once it passes `limit` bytes (it is never read further). */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AdminInputError(413, "too_large", "Request body too large");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AdminInputError(413, "too_large", "Request body too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The body as a list of [name, value] pairs, from a form post or a JSON object (arrays become
 * repeated names), so one zod schema serves both. Unreadable bodies are a 400, oversized ones a 413.
 */
export async function readFields(request: Request): Promise<URLSearchParams> {
  const text = await readBody(request);
  if (isFormPost(request)) return new URLSearchParams(text);
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AdminInputError(400, "invalid_json", "Body must be JSON or a form");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new AdminInputError(400, "invalid_json", "Body must be a JSON object");
  const fields = new URLSearchParams();
  for (const [k, v] of Object.entries(json)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === null || item === undefined) continue;
      if (typeof item === "object") throw new AdminInputError(400, "invalid_field", `${k} must be a string or number`);
      fields.append(k, String(item));
    }
  }
  return fields;
}

export function parseFields<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AdminInputError(400, "invalid_input", issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "Invalid input");
  }
  return parsed.data;
}

/**
 * Cross-site form posts carry no Supabase cookie (SameSite=Lax), and a request with an Origin
 * header from elsewhere is refused outright; Bearer-token clients send no cookie at all.
 */
function foreignOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.headers.get("authorization")) return false;
  try {
    return origin !== appOrigin(request);
  } catch {
    return true;
  }
}

export interface AdminResult {
  /** JSON body for API clients. */
  json: Record<string, unknown>;
  status?: number;
  /** Where a form post goes next (a back-office page), with a notice code. */
  redirect: string;
}

/**
 * Runs one back-office action: 404 for anyone but a merchant, the input errors as 4xx, unknown
 * failures logged and answered with the generic message.
 */
export async function adminAction(
  request: Request,
  context: string,
  action: (merchant: Merchant) => Promise<AdminResult>,
  /** Where a failed form post goes back to (read after the action ran, so the action may decide). */
  failureRedirect: string | (() => string),
): Promise<Response> {
  const merchant = await merchantFromRequest(request);
  if (!merchant) return notFound();
  const form = isFormPost(request);
  const back = () => (typeof failureRedirect === "string" ? failureRedirect : failureRedirect());
  if (foreignOrigin(request)) return reply(form, back(), 403, { error: "forbidden", message: "Cross-site request refused" }, request);
  try {
    const result = await action(merchant);
    if (form) return seeOther(request, result.redirect);
    return Response.json(result.json, { status: result.status ?? 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AdminInputError) return reply(form, back(), error.status, { error: error.code, message: error.message }, request);
    logError(context, error);
    return reply(form, back(), 500, { error: "server_error", message: "Server Error" }, request);
  }
}

function reply(form: boolean, to: string, status: number, body: { error: string; message: string }, request: Request): Response {
  if (!form) return Response.json(body, { status });
  const url = new URL(to, appOrigin(request));
  url.searchParams.set("error", body.message.slice(0, 300));
  return seeOther(request, url.pathname + url.search);
}

function seeOther(request: Request, to: string): Response {
  return new Response(null, { status: 303, headers: { Location: new URL(to, appOrigin(request)).toString(), "Cache-Control": "no-store" } });
}

/** A read-only back-office API: 404 for anyone but a merchant, unknown failures logged and generic. */
export async function adminRead(request: Request, context: string, read: (merchant: Merchant) => Promise<Response>): Promise<Response> {
  const merchant = await merchantFromRequest(request);
  if (!merchant) return notFound();
  try {
    return await read(merchant);
  } catch (error) {
    if (error instanceof AdminInputError) return Response.json({ error: error.code, message: error.message }, { status: error.status });
    logError(context, error);
    return Response.json({ error: "server_error", message: "Server Error" }, { status: 500 });
  }
}

const uuid = z.string().uuid();

/** The order id of a back-office URL; a malformed one is as unknown as a missing order. */
export async function orderIdParam(params: Promise<{ id: string }>): Promise<string> {
  const parsed = uuid.safeParse((await params).id);
  if (!parsed.success) throw new AdminInputError(404, "order_not_found", "Order not found");
  return parsed.data;
}

/** Only back-office pages are redirect targets of a form post. */
export function adminReturnPath(value: string | null, fallback: string): string {
  return value && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(value) ? value : fallback;
}
