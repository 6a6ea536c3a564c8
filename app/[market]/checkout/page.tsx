import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadCart } from "@/lib/cart/queries";
import { cartJson } from "@/lib/cart/view";
import { shippingChoicesFor } from "@/lib/checkout/cart-shipping";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { PaymentIntentCheckout } from "@/components/checkout/PaymentIntentCheckout";
import { translatedProductNames, withTranslatedNames } from "@/lib/catalog";
import { localizeRateLabel } from "@/components/checkout/rate-label";
import { currentOwner } from "@/app/_server/request-owner";
import { enterMarket, titledBy, type MarketParams } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("checkout");

/** Pay on our own page with a PaymentIntent (signed-in shoppers). */
export default async function CheckoutPage({ params }: MarketParams) {
  const { locale } = await enterMarket(params);
  const [t, ts] = await Promise.all([getTranslations({ locale, namespace: "Checkout" }), getTranslations({ locale, namespace: "Shipping" })]);
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/checkout");
  const loaded = await loadCart(db(), owner);
  const cart = cartJson(loaded);
  const env = getEnv();
  const lines = (loaded?.lines ?? []).map((l) => ({ item_id: l.product_id, variant_id: l.variant_id, quantity: l.quantity }));
  const [choices, names] = await Promise.all([
    shippingChoicesFor(lines.map((l) => l.item_id), cart.currency),
    translatedProductNames(lines.map((l) => l.item_id), locale),
  ]);
  const shipping = choices && { ...choices, rates: choices.rates.map((r) => ({ ...r, label: localizeRateLabel(ts, r.label) })) };
  return (
    <ClientIntl locale={locale} namespaces={["Checkout", "Shipping", "Errors"]}>
      <h1>{t("heading")}</h1>
      <PaymentIntentCheckout
        cart={withTranslatedNames(cart, names)}
        lines={lines}
        supabase={publicSupabaseConfig()}
        localPayBase={env.stripeIsLocal ? (process.env.STRIPE_PUBLIC_URL ?? env.STRIPE_API_URL ?? null) : null}
        publishableKey={env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
        shipping={shipping}
      />
    </ClientIntl>
  );
}
