/** Which stock sentence a variant gets (the words are in messages/*.json, Product.stock*). */
export function stockLabel(stock: number): { key: "stockSoldOut" | "stockLow" | "stockIn"; tone: "in" | "low" | "out" } {
  if (stock <= 0) return { key: "stockSoldOut", tone: "out" };
  if (stock <= 3) return { key: "stockLow", tone: "low" };
  return { key: "stockIn", tone: "in" };
}
