import { z } from "zod";
import { MAX_LINE_QUANTITY, MAX_LINES } from "./view";

const priceId = z.string().trim().min(1, "price is required").max(255);
export function quantityRangeMessage(min: number, max: number): string {
  return `quantity must be an integer between ${min} and ${max}`;
}
const quantity = (min: number) =>
  z.number({ error: quantityRangeMessage(min, MAX_LINE_QUANTITY) })
    .int(quantityRangeMessage(min, MAX_LINE_QUANTITY))
    .min(min, quantityRangeMessage(min, MAX_LINE_QUANTITY))
    .max(MAX_LINE_QUANTITY, quantityRangeMessage(min, MAX_LINE_QUANTITY));

export const metadataSchema = z
  .record(z.string().min(1).max(40), z.union([z.string().max(500), z.number(), z.boolean()]).transform(String))
  .refine((m) => Object.keys(m).length <= 50, "metadata holds at most 50 keys");

export const addBody = z.object({
  items: z
    .array(z.object({ price: priceId, quantity: quantity(1) }), { error: "items must be a list of {price, quantity}" })
    .min(1, "items must not be empty")
    .max(MAX_LINES, `at most ${MAX_LINES} items`),
});

export const updateBody = z
  .object({
    updates: z
      .record(priceId, z.object({ quantity: quantity(0) }), { error: "updates must map price ids to {quantity}" })
      .refine((u) => Object.keys(u).length <= MAX_LINES, `at most ${MAX_LINES} updates`)
      .optional(),
    metadata: metadataSchema.optional(),
  })
  .refine((b) => b.updates !== undefined || b.metadata !== undefined, "send updates or metadata");

export const checkoutBody = z.object({
  ui_mode: z.enum(["hosted_page", "elements"]).default("hosted_page"),
});

/** First zod issue as one readable sentence (the seed's `message`). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request";
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  return path ? `${path}: ${issue.message}` : issue.message;
}
