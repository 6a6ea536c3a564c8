import Link from "next/link";
import { formatMoney } from "@/lib/money";
import { isSoldOut, lowestPrice, type CatalogProduct } from "@/lib/catalog";

/** `priority`: the card is in the first screenful, so its image is fetched first (the page's LCP). */
export function ProductCard({ product, priority = false }: { product: CatalogProduct; priority?: boolean }) {
  const price = lowestPrice(product);
  const soldOut = isSoldOut(product);
  const several = new Set(product.variants.flatMap((v) => v.prices.map((p) => p.unit_amount))).size > 1;
  return (
    <li className="card" data-testid="product-card">
      <Link href={`/products/${product.slug}`}>
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
          {price && (
            <p className="price">
              {several ? "From " : ""}
              {formatMoney(price.unit_amount, price.currency)}
            </p>
          )}
          {soldOut && <span className="badge soldout">Sold out</span>}
        </div>
      </Link>
    </li>
  );
}
