import { getTranslations } from "next-intl/server";
import { openTemplate } from "@/components/i18n/template";
import type { Locale } from "@/lib/i18n/markets";
import type { CheckoutText } from "../checkout/CheckoutButton";
import { countLabels, type CountLabels } from "./count-label";

/** Every sentence the cart can show, translated on the server (components/cart/CartView.tsx). */
export type CartText = {
  empty: string;
  continueShopping: string;
  caption: string;
  item: string;
  unitPrice: string;
  quantity: string;
  subtotal: string;
  actions: string;
  noLongerAvailable: string;
  removeButton: string;
  total: string;
  updateFailed: string;
  /** Templates with `{item}` (a line's name) or `{max}` left open (components/i18n/template.ts). */
  decrease: string;
  increase: string;
  quantityOf: string;
  remove: string;
  atMost: string;
  removeUnavailable: CountLabels;
  checkout: CheckoutText;
};

export async function cartText(locale: Locale): Promise<CartText> {
  const [t, tc, te] = await Promise.all([
    getTranslations({ locale, namespace: "Cart" }),
    getTranslations({ locale, namespace: "Checkout" }),
    getTranslations({ locale, namespace: "Errors" }),
  ]);
  const withItem = (key: "decrease" | "increase" | "quantityOf" | "remove") => openTemplate((v) => t(key, { item: v.item! }), ["item"]);
  return {
    empty: t("empty"),
    continueShopping: t("continueShopping"),
    caption: t("caption"),
    item: t("item"),
    unitPrice: t("unitPrice"),
    quantity: t("quantity"),
    subtotal: t("subtotal"),
    actions: t("actions"),
    noLongerAvailable: t("noLongerAvailable"),
    removeButton: t("removeButton"),
    total: t("total"),
    updateFailed: te("updateFailed"),
    decrease: withItem("decrease"),
    increase: withItem("increase"),
    quantityOf: withItem("quantityOf"),
    remove: withItem("remove"),
    atMost: openTemplate((v) => t("atMost", { max: v.max! }), ["max"]),
    removeUnavailable: countLabels(locale, (count) => t("removeUnavailable", { count })),
    checkout: { checkout: tc("checkout"), redirecting: tc("redirecting"), failed: te("checkoutFailed"), network: te("network") },
  };
}
