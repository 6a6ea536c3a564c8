export interface CatalogPrice {
  id: string;
  variant_id: number;
  currency: string;
  unit_amount: number;
  recurring: { interval: "day" | "week" | "month" | "year"; interval_count: number } | null;
}

export interface CatalogVariant {
  id: number;
  sku: string;
  name: string;
  options: Record<string, string>;
  stock: number;
  prices: CatalogPrice[];
}

export interface CatalogProduct {
  id: number;
  slug: string;
  name: string;
  description: string;
  image: string | null;
  image_alt: string;
  variants: CatalogVariant[];
}
