import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getProductBySlug, SLUG_PATTERN } from "@/lib/catalog";
import { ProductPurchase } from "@/components/product/ProductPurchase";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200) return null;
  return getProductBySlug(slug);
}

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
        {product.image && <img src={product.image} alt={product.image_alt || product.name} width={400} height={400} />}
      </div>
      <div>
        <h1>{product.name}</h1>
        <p>{product.description}</p>
        <ProductPurchase product={product} />
      </div>
    </article>
  );
}
