import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { formatMoneyFor } from "@/lib/money";
import { isSoldOut, lowestPriceIn, pricesIn, type CatalogProduct } from "@/lib/catalog";
import type { Currency, Locale } from "@/lib/i18n/markets";

/**
 * One product in the market's currency only: its lowest price there, or "not available in USD".
 * `priority`: the card is in the first screenful, so its image is fetched first (the page's LCP).
 */
export async function ProductCard({ product, locale, currency, priority = false }: { product: CatalogProduct; locale: Locale; currency: Currency; priority?: boolean }) {
  const [t, tp] = await Promise.all([getTranslations({ locale, namespace: "Home" }), getTranslations({ locale, namespace: "Product" })]);
  const price = lowestPriceIn(product, currency);
  const soldOut = isSoldOut(product);
  const several = new Set(product.variants.flatMap((v) => pricesIn(v, currency).map((p) => p.unit_amount))).size > 1;
  const amount = price && formatMoneyFor(price.unit_amount, price.currency, locale);
  return (
    <li className="card" data-testid="product-card">
      <NavLink href={`/products/${product.slug}`}>
        {product.image && (
          <img
            src={product.image}
            alt={product.image_alt || product.name}
            width={400}
            height={400}
            decoding="async"
            loading={priority ? "eager" : "lazy"}
            fetchPriority={priority ? "high" : "auto"}
          />
        )}
        <div className="body">
          <h2>{product.name}</h2>
          {amount ? (
            <p className="price" data-testid="card-price">{several ? t("from", { price: amount }) : amount}</p>
          ) : (
            <p className="muted" data-testid="card-price">{tp("notAvailableIn", { currency: currency.toUpperCase() })}</p>
          )}
          {soldOut && <span className="badge soldout">{t("soldOut")}</span>}
        </div>
      </NavLink>
    </li>
  );
}
