/** Liveness probe; also the benchmark's constant baseline route (no database, no work). */
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json({ ok: true });
}
