export interface CartRow {
  id: string;
  number: string;
  user_id: string | null;
  metadata: Record<string, string>;
  version: number;
  status: "active" | "checked_out" | "merged";
  checkout_session_id: string | null;
  checkout_ui_mode: string | null;
  order_id: string | null;
  sync_state: "in_sync" | "reconciliation_required";
}

/** A cart line joined with its price, variant and product (all read from the database). */
export interface CartLine {
  price_id: string;
  quantity: number;
  position: number;
  checkout_line_item_id: string | null;
  currency: string;
  unit_amount: number;
  recurring_interval: string | null;
  recurring_interval_count: number | null;
  price_active: boolean;
  price_created: Date;
  variant_id: number;
  variant_name: string;
  sku: string;
  options: Record<string, string>;
  stock: number;
  /** variants.max_per_order: most units of this variant one order may hold (null = no cap). */
  max_per_order: number | null;
  variant_active: boolean;
  product_active: boolean;
  product_id: number;
  product_name: string;
  product_slug: string;
  product_description: string;
  product_image: string | null;
  product_image_alt: string;
  product_created: Date;
  product_updated: Date;
}

export interface LoadedCart {
  cart: CartRow;
  lines: CartLine[];
}

/** Who is asking: the cart cookie of this browser and, when signed in, the user. */
export interface CartOwner {
  cartNumber: string | null;
  userId: string | null;
}
