"use client";

import { useLocale, useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { formatMoneyFor } from "@/lib/money";
import { pricesIn, type CatalogPrice, type CatalogProduct } from "@/lib/catalog/pricing-client";
import { stockLabel } from "./stock-label";
import { AddToCart } from "../cart/AddToCart";

/**
 * Variant picker, price and stock state, and the add-to-cart form of the product page, in the
 * market's currency only: a variant without a price in it says so and cannot be added.
 */
export function ProductPurchase({ product, currency }: { product: CatalogProduct; currency: string }) {
  const t = useTranslations("Product");
  const locale = useLocale();
  const firstAvailable = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id);
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const prices = variant ? pricesIn(variant, currency) : [];
  const [priceId, setPriceId] = useState(prices[0]?.id);
  if (!variant) return <p>{t("unavailable")}</p>;
  const price = prices.find((p) => p.id === priceId) ?? prices[0];
  const stock = stockLabel(variant.stock);
  const describe = (p: CatalogPrice) =>
    [formatMoneyFor(p.unit_amount, p.currency, locale), p.recurring ? t("recurring", { count: p.recurring.interval_count, interval: p.recurring.interval }) : ""].join(" ").trim();

  return (
    <div>
      {product.variants.length > 1 && (
        <fieldset>
          <legend>{t("chooseVariant")}</legend>
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
              {v.stock <= 0 && <span className="muted"> {t("soldOutSuffix")}</span>}
            </label>
          ))}
        </fieldset>
      )}
      {prices.length > 1 && (
        <fieldset>
          <legend>{t("billing")}</legend>
          {prices.map((p) => (
            <label key={p.id} className="choice">
              <input type="radio" name="price" value={p.id} checked={p.id === price?.id} onChange={() => setPriceId(p.id)} />
              {describe(p)}
            </label>
          ))}
        </fieldset>
      )}
      <p className="price" data-testid="price" aria-live="polite">
        {price ? describe(price) : t("notAvailableIn", { currency: currency.toUpperCase() })}
      </p>
      <p className={`stock ${stock.tone}`} data-testid="stock" aria-live="polite">{t(stock.key, { count: variant.stock })}</p>
      {price && <AddToCart priceId={price.id} maxQuantity={Math.min(variant.stock, 999)} disabled={variant.stock <= 0} />}
    </div>
  );
}
