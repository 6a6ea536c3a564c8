import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getTranslations } from "next-intl/server";
import { getProductBySlug, SLUG_PATTERN } from "@/lib/catalog";
import { ProductPurchase } from "@/components/product/ProductPurchase";
import { purchaseText } from "@/components/product/purchase-text";
import { enterMarket } from "@/i18n/market";

// Rendered on first request, then cached (one copy per market) and refreshed at most every few seconds.
export const revalidate = 5;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ market: string; slug: string }> };

// One query per render although metadata and page both need the product.
const load = cache(async (slug: string, locale: string) => {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200) return null;
  return getProductBySlug(slug, locale);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await enterMarket(params);
  const product = await load((await params).slug, locale);
  if (product) return { title: product.name };
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return { title: t("productNotFound") };
}

export default async function ProductPage({ params }: Props) {
  const { locale, currency } = await enterMarket(params);
  const product = await load((await params).slug, locale);
  if (!product) notFound();
  return (
    <article className="product">
      <div>
        {product.image && <img src={product.image} alt={product.image_alt || product.name} width={400} height={400} fetchPriority="high" />}
      </div>
      <div>
        <h1>{product.name}</h1>
        <p>{product.description}</p>
        <ProductPurchase product={product} currency={currency} locale={locale} text={await purchaseText(product, locale, currency)} />
      </div>
    </article>
  );
}
