import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getProductBySlug, SLUG_PATTERN } from "@/lib/catalog";
import { ProductPurchase } from "@/components/product/ProductPurchase";

// Rendered on first request, then cached and refreshed at most every few seconds.
export const revalidate = 5;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

// One query per render although metadata and page both need the product.
const load = cache(async (slug: string) => {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200) return null;
  return getProductBySlug(slug);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await load((await params).slug);
  return { title: product?.name ?? "Product not found" };
}

export default async function ProductPage({ params }: Props) {
  const product = await load((await params).slug);
  if (!product) notFound();
  return (
    <article className="product">
      <div>
        {product.image && <img src={product.image} alt={product.image_alt || product.name} width={400} height={400} fetchPriority="high" />}
      </div>
      <div>
        <h1>{product.name}</h1>
        <p>{product.description}</p>
        <ProductPurchase product={product} />
      </div>
    </article>
  );
}
