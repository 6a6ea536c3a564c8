import { getTranslations } from "next-intl/server";
import { formatMoneyFor } from "@/lib/money";
import { pricesIn, type CatalogProduct } from "@/lib/catalog";
import type { Locale } from "@/lib/i18n/markets";
import { stockLabel } from "./stock-label";
import type { AddToCartText } from "../cart/AddToCart";

/** Every sentence the purchase form can show, translated on the server (components/product/ProductPurchase.tsx). */
export type PurchaseText = {
  chooseVariant: string;
  soldOutSuffix: string;
  billing: string;
  notAvailable: string;
  unavailable: string;
  /** Price id → its amount and billing period, e.g. "€9.00 every 2 months". */
  prices: Record<string, string>;
  /** Variant id → its stock sentence. */
  stock: Record<string, string>;
  addToCart: AddToCartText;
};

export async function purchaseText(product: CatalogProduct, locale: Locale, currency: string): Promise<PurchaseText> {
  const [t, tc, te] = await Promise.all([
    getTranslations({ locale, namespace: "Product" }),
    getTranslations({ locale, namespace: "Cart" }),
    getTranslations({ locale, namespace: "Errors" }),
  ]);
  const prices = product.variants.flatMap((v) => pricesIn(v, currency));
  return {
    chooseVariant: t("chooseVariant"),
    soldOutSuffix: t("soldOutSuffix"),
    billing: t("billing"),
    notAvailable: t("notAvailableIn", { currency: currency.toUpperCase() }),
    unavailable: t("unavailable"),
    prices: Object.fromEntries(
      prices.map((p) => [
        p.id,
        [formatMoneyFor(p.unit_amount, p.currency, locale), p.recurring ? t("recurring", { count: p.recurring.interval_count, interval: p.recurring.interval }) : ""].join(" ").trim(),
      ]),
    ),
    stock: Object.fromEntries(product.variants.map((v) => [v.id, t(stockLabel(v.stock).key, { count: v.stock })])),
    addToCart: {
      form: tc("addForm"),
      quantity: tc("quantity"),
      add: tc("add"),
      adding: tc("adding"),
      added: tc("added"),
      soldOut: tc("soldOut"),
      failed: te("addFailed"),
      network: te("network"),
    },
  };
}
