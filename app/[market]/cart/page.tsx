import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadCart } from "@/lib/cart/queries";
import { cartJson } from "@/lib/cart/view";
import { translatedProductNames, withTranslatedNames } from "@/lib/catalog";
import { CartView } from "@/components/cart/CartView";
import { currentOwner } from "@/app/_server/request-owner";
import { enterMarket, titledBy, type MarketParams } from "@/i18n/market";
import { cartText } from "@/components/cart/cart-text";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("cart");

export default async function CartPage({ params }: MarketParams) {
  const { locale } = await enterMarket(params);
  const [loaded, t, text] = await Promise.all([loadCart(db(), await currentOwner()), getTranslations({ locale, namespace: "Cart" }), cartText(locale)]);
  const cart = cartJson(loaded);
  const names = await translatedProductNames(Object.keys(cart.products).map(Number), locale);
  return (
    <>
      <h1>{t("heading")}</h1>
      <CartView initial={withTranslatedNames(cart, names)} flow={getEnv().CHECKOUT_FLOW} locale={locale} text={text} />
    </>
  );
}
