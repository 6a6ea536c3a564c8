"use client";

import { useState } from "react";
import { pricesIn, type CatalogProduct } from "@/lib/catalog/pricing-client";
import { stockLabel } from "./stock-label";
import { AddToCart } from "../cart/AddToCart";
import type { PurchaseText } from "./purchase-text";

/**
 * Variant picker, price and stock state, and the add-to-cart form of the product page, in the
 * market's currency only: a variant without a price in it says so and cannot be added. Every
 * sentence comes translated from the server (purchase-text.ts), so the page ships no i18n code.
 */
export function ProductPurchase({ product, currency, locale, text }: { product: CatalogProduct; currency: string; locale: string; text: PurchaseText }) {
  const firstAvailable = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id);
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const prices = variant ? pricesIn(variant, currency) : [];
  const [priceId, setPriceId] = useState(prices[0]?.id);
  if (!variant) return <p>{text.unavailable}</p>;
  const price = prices.find((p) => p.id === priceId) ?? prices[0];

  return (
    <div>
      {product.variants.length > 1 && (
        <fieldset>
          <legend>{text.chooseVariant}</legend>
          {product.variants.map((v) => (
            <label key={v.id} className="choice">
              <input
                type="radio"
                name="variant"
                value={v.id}
                checked={v.id === variant.id}
                onChange={() => {
                  setVariantId(v.id);
                  setPriceId(pricesIn(v, currency)[0]?.id);
                }}
              />
              {v.name || v.sku}
              {v.stock <= 0 && <span className="muted"> {text.soldOutSuffix}</span>}
            </label>
          ))}
        </fieldset>
      )}
      {prices.length > 1 && (
        <fieldset>
          <legend>{text.billing}</legend>
          {prices.map((p) => (
            <label key={p.id} className="choice">
              <input type="radio" name="price" value={p.id} checked={p.id === price?.id} onChange={() => setPriceId(p.id)} />
              {text.prices[p.id]}
            </label>
          ))}
        </fieldset>
      )}
      <p className="price" data-testid="price" aria-live="polite">
        {price ? text.prices[price.id] : text.notAvailable}
      </p>
      <p className={`stock ${stockLabel(variant.stock).tone}`} data-testid="stock" aria-live="polite">{text.stock[variant.id]}</p>
      {price && <AddToCart priceId={price.id} maxQuantity={Math.min(variant.stock, 999)} disabled={variant.stock <= 0} locale={locale} text={text.addToCart} />}
    </div>
  );
}
