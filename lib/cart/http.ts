import type { z } from "zod";
import { readJson } from "../http/body";
import { serializeCookie } from "../http/cookies";
import { logError } from "../http/log";
import { CartError, cartErrorBody, SERVER_ERROR } from "./errors";
import { CART_MESSAGES } from "./messages";
import { CART_COOKIE, CART_COOKIE_MAX_AGE } from "./identity";
import { cartOwnerFromRequest, type RequestOwner } from "./owner";
import { firstIssue } from "./schemas";
import { cartJson } from "./view";
import type { LoadedCart } from "./types";

/** Glue between the cart route handlers and lib/cart: body parsing, owner, cookie, seed error shape. */

export function cartError(status: number, message: string): Response {
  return Response.json(cartErrorBody(status, message), { status });
}

function isSecureRequest(request: Request): boolean {
  if (process.env.NODE_ENV !== "production") return false;
  const host = new URL(request.url).hostname;
  return !(host === "localhost" || host === "127.0.0.1" || host === "[::1]");
}

export function withCartCookie(response: Response, request: Request, owner: RequestOwner, createdNumber: string | null): Response {
  if (createdNumber && !owner.userId) {
    response.headers.append("Set-Cookie", serializeCookie(CART_COOKIE, createdNumber, { maxAgeSeconds: CART_COOKIE_MAX_AGE, secure: isSecureRequest(request) }));
  }
  if (owner.mergedGuest) {
    response.headers.append("Set-Cookie", serializeCookie(CART_COOKIE, "", { maxAgeSeconds: 0, secure: isSecureRequest(request) }));
  }
  return response;
}

export function cartResponse(request: Request, owner: RequestOwner, loaded: LoadedCart | null, createdNumber: string | null = null): Response {
  return withCartCookie(Response.json(cartJson(loaded), { headers: { "Cache-Control": "no-store" } }), request, owner, createdNumber);
}

/** Parses a JSON-only POST body with a zod schema, then runs the handler; every failure gets the seed's shape. */
export async function handleCartPost<S extends z.ZodType>(
  request: Request,
  schema: S,
  handler: (owner: RequestOwner, body: z.infer<S>) => Promise<Response>,
  context: string,
): Promise<Response> {
  try {
    const body = await readJson(request, { requireJsonType: true });
    if (!body.ok) {
      if (body.reason === "content_type") return cartError(415, CART_MESSAGES.contentType);
      if (body.reason === "too_large") return cartError(413, CART_MESSAGES.tooLarge);
      return cartError(400, CART_MESSAGES.malformedJson);
    }
    const parsed = schema.safeParse(body.value);
    if (!parsed.success) return cartError(400, firstIssue(parsed.error));
    const owner = await cartOwnerFromRequest(request);
    return await handler(owner, parsed.data);
  } catch (error) {
    return cartFailure(error, context);
  }
}

export function cartFailure(error: unknown, context: string): Response {
  if (error instanceof CartError && error.status < 500) return cartError(error.status, error.message);
  if (!(error instanceof CartError)) logError(context, error);
  return cartError(500, SERVER_ERROR);
}
