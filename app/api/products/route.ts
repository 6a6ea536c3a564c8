import { z } from "zod";
import { fetchCatalog, SLUG_PATTERN } from "@/lib/catalog";
import { logError } from "@/lib/http/log";

export const dynamic = "force-dynamic";

const query = z.object({
  slug: z.string().min(1).max(200).regex(SLUG_PATTERN, "slug must be lowercase letters, digits and dashes").optional(),
});

// Shared caches may serve the catalog for a few seconds; merchants' edits show up right after.
const CACHE = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ slug: params.has("slug") ? params.get("slug") : undefined });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message ?? "Invalid query" }, { status: 400 });
  }
  try {
    const products = await fetchCatalog(parsed.data.slug ?? null);
    return Response.json({ products }, { headers: { "Cache-Control": CACHE } });
  } catch (error) {
    logError("GET /api/products", error);
    return Response.json({ error: "Server Error" }, { status: 500 });
  }
}
