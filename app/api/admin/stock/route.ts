import { adminRead } from "@/lib/admin/http";
import { listStock } from "@/lib/admin/stock";

export const dynamic = "force-dynamic";

/** Every variant with free, held and sold units and its low-stock level. */
export async function GET(request: Request): Promise<Response> {
  return adminRead(request, "GET /api/admin/stock", async () =>
    Response.json({ variants: await listStock() }, { headers: { "Cache-Control": "no-store" } }));
}
