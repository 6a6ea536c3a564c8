"use client";

import { useState } from "react";
import { formatMoney } from "@/lib/money";
import { describeRecurring, type CatalogProduct } from "@/lib/catalog/pricing-client";
import { stockLabel } from "./stock-label";
import { AddToCart } from "../cart/AddToCart";

/** Variant picker, price and stock state, and the add-to-cart form of the product page. */
export function ProductPurchase({ product }: { product: CatalogProduct }) {
  const firstAvailable = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id);
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const [priceId, setPriceId] = useState(variant?.prices[0]?.id);
  if (!variant) return <p>This product is not available.</p>;
  const price = variant.prices.find((p) => p.id === priceId) ?? variant.prices[0];
  const stock = stockLabel(variant.stock);

  return (
    <div>
      {product.variants.length > 1 && (
        <fieldset>
          <legend>Choose a variant</legend>
          {product.variants.map((v) => (
            <label key={v.id} className="choice">
              <input
                type="radio"
                name="variant"
                value={v.id}
                checked={v.id === variant.id}
                onChange={() => {
                  setVariantId(v.id);
                  setPriceId(v.prices[0]?.id);
                }}
              />
              {v.name || v.sku}
              {v.stock <= 0 && <span className="muted"> (sold out)</span>}
            </label>
          ))}
        </fieldset>
      )}
      {variant.prices.length > 1 && (
        <fieldset>
          <legend>Price</legend>
          {variant.prices.map((p) => (
            <label key={p.id} className="choice">
              <input type="radio" name="price" value={p.id} checked={p.id === price?.id} onChange={() => setPriceId(p.id)} />
              {formatMoney(p.unit_amount, p.currency)} {describeRecurring(p)}
            </label>
          ))}
        </fieldset>
      )}
      <p className="price" data-testid="price" aria-live="polite">
        {price ? `${formatMoney(price.unit_amount, price.currency)} ${describeRecurring(price)}`.trim() : "No price"}
      </p>
      <p className={`stock ${stock.tone}`} data-testid="stock" aria-live="polite">{stock.text}</p>
      {price && <AddToCart priceId={price.id} maxQuantity={Math.min(variant.stock, 999)} disabled={variant.stock <= 0} />}
    </div>
  );
}
