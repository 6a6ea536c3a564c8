/**
 * The benchmark's route-handler floor: the same constant answer as /api/floor, rendered per request
 * (Next's default for a GET handler since 15) instead of served from the build's cache. Every API
 * route pays what this pays: the request/response objects, the handler call and the streamed body.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
