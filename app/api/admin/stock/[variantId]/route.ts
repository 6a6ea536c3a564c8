import { z } from "zod";
import { adminAction, AdminInputError, parseFields, readFields } from "@/lib/admin/http";
import { setUnitsOnHand } from "@/lib/admin/stock";

export const dynamic = "force-dynamic";

const count = z.coerce.number().int("must be a whole number").min(0).max(1_000_000);
const body = z.object({
  on_hand: count,
  low_stock_at: z.preprocess((v) => (v === "" ? undefined : v), count.optional()),
});

/** Set a variant's units on hand (free stock moves by the difference; held units stay held) and its low-stock level. */
export async function POST(request: Request, { params }: { params: Promise<{ variantId: string }> }): Promise<Response> {
  return adminAction(request, "POST /api/admin/stock/[variantId]", async () => {
    const id = z.coerce.number().int().positive().max(2 ** 53).safeParse((await params).variantId);
    if (!id.success) throw new AdminInputError(404, "variant_not_found", "Variant not found");
    const input = parseFields(body, Object.fromEntries(await readFields(request)));
    const result = await setUnitsOnHand(id.data, input.on_hand, input.low_stock_at ?? null);
    return {
      json: { variant_id: id.data, stock: result.stock, held: result.held, on_hand: result.stock + result.held },
      redirect: `/admin/stock?saved=${encodeURIComponent(`variant ${id.data}: ${result.stock + result.held} on hand`)}`,
    };
  }, "/admin/stock");
}
