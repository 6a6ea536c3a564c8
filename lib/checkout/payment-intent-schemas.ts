import { z } from "zod";

/** POST /api/checkout body (seed 002). Messages are the seed's, word for word. */
export const CHECKOUT_ERRORS = {
  unauthorized: "Unauthorized",
  empty: "Cart is empty",
  missingVariant: "Chaque article doit inclure un variant_id.",
  variantNotFound: (id: string | number) => `Variant ${id} introuvable`,
  mismatch: "Variant et produit incompatibles",
  stock: "Stock insuffisant pour un des variants",
  amount: "Invalid amount",
  failed: "Checkout failed",
} as const;

/** POST /api/checkout's answers beyond the seed's table (same shape, `{error}`). */
export const CHECKOUT_REQUEST_ERRORS = {
  idempotencyKey: "Invalid Idempotency-Key header",
  currency: "Invalid currency",
  quantity: "Invalid quantity",
  customization: "Invalid customization",
  noPrice: (variantId: number, currency: string) => `Variant ${variantId} has no price in ${currency}`,
  tooManyRequests: "Too many requests",
} as const;

const positiveId = z.union([z.number().int().positive().max(2 ** 53 - 1), z.string().regex(/^[1-9]\d{0,15}$/).transform(Number)]);

export const checkoutItem = z.object({
  item_id: z.unknown().optional(),
  variant_id: z.unknown().optional(),
  quantity: z.unknown().optional(),
  customization: z.unknown().optional(),
});

export const checkoutBodySchema = z.object({
  currency: z.string().trim().toLowerCase().regex(/^[a-z]{3}$/).default("eur"),
  cartItems: z.array(checkoutItem).min(1).max(100),
});

export const quantitySchema = z.number().int().min(1).max(999);
export const customizationSchema = z
  .record(z.string().max(50), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((c) => Object.keys(c).length <= 20);
export { positiveId };

export interface NormalizedLine {
  itemId: number | null;
  variantId: number;
  quantity: number;
  customization: Record<string, unknown>;
}
