import { getTranslations } from "next-intl/server";
import { listProducts } from "@/lib/catalog";
import { ProductCard } from "@/components/product/ProductCard";
import { enterMarket, type MarketParams } from "@/i18n/market";

// Served from the cache (one copy per market) and re-rendered at most every few seconds: merchants' edits show up quickly.
export const revalidate = 5;
// Only the four markets exist (generateStaticParams in the layout). Set on this page, not the layout:
// Next applies `dynamicParams = false` of any segment to the whole route (build/static-paths/app.ts),
// which would also refuse every product slug not known at build time.
export const dynamicParams = false;

export default async function HomePage({ params }: MarketParams) {
  const { locale, currency } = await enterMarket(params);
  const [products, t] = await Promise.all([listProducts(locale), getTranslations({ locale, namespace: "Home" })]);
  return (
    <>
      <h1>{t("heading")}</h1>
      <ul className="grid" aria-label={t("products")}>
        {products.map((p, i) => (
          // The first card's image is the page's LCP on a phone; the rest load as they scroll in.
          <ProductCard key={p.id} product={p} locale={locale} currency={currency} priority={i === 0} />
        ))}
      </ul>
    </>
  );
}
