/**
 * The benchmark's framework floor: a constant answer with nothing in front of it (proxy.ts's matcher
 * leaves this path out), so every other route's cost is read against bare Next.js.
 */
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json({ ok: true });
}
