import { listProducts } from "@/lib/catalog";
import { ProductCard } from "@/components/product/ProductCard";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const products = await listProducts();
  return (
    <>
      <h1>Shop</h1>
      <ul className="grid" aria-label="Products">
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </ul>
    </>
  );
}
