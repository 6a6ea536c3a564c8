import { listProducts } from "@/lib/catalog";
import { ProductCard } from "@/components/product/ProductCard";

// Served from the cache and re-rendered at most every few seconds: merchants' edits show up quickly.
export const revalidate = 5;

export default async function HomePage() {
  const products = await listProducts();
  return (
    <>
      <h1>Shop</h1>
      <ul className="grid" aria-label="Products">
        {products.map((p, i) => (
          // The first card's image is the page's LCP on a phone; the rest load as they scroll in.
          <ProductCard key={p.id} product={p} priority={i === 0} />
        ))}
      </ul>
    </>
  );
}
