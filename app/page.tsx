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
          // A phone shows one card, a wide screen a row of up to four.
          <ProductCard key={p.id} product={p} priority={i < 4} />
        ))}
      </ul>
    </>
  );
}
