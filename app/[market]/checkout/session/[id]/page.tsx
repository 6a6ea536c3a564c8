import type Stripe from "stripe";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { readBoundCart } from "@/lib/checkout/bound-cart";
import { reconcileCart } from "@/lib/checkout/reconcile";
import { stripe, localPayUrl } from "@/lib/stripe/client";
import { getEnv } from "@/lib/env";
import { EditableCheckout } from "@/components/checkout/EditableCheckout";
import { orderRates } from "@/lib/checkout/session-shipping";
import { rateLabelFor } from "@/components/checkout/rate-label";
import { currentOwner } from "@/app/_server/request-owner";
import { enterMarket, titledBy } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ market: string; id: string }> };

export const generateMetadata = titledBy("checkout");

/** The address Stripe holds for the session (seed 003 `collected_information.shipping_details`). */
function collectedDetails(session: Stripe.Checkout.Session) {
  const d = session.collected_information?.shipping_details;
  if (!d?.address.line1 || !d.address.country) return null;
  const a = d.address;
  return { name: d.name, address: { line1: a.line1!, line2: a.line2, city: a.city ?? "", postal_code: a.postal_code ?? "", state: a.state, country: a.country! } };
}

/** Our own checkout page for an `elements` session: lines editable until the shopper pays. */
export default async function CheckoutSessionPage({ params }: Props) {
  const { locale } = await enterMarket(params);
  const [t, ts] = await Promise.all([getTranslations({ locale, namespace: "Checkout" }), getTranslations({ locale, namespace: "Shipping" })]);
  const { id } = await params;
  if (!/^cs_[A-Za-z0-9_]{1,250}$/.test(id)) notFound();
  const owner = await currentOwner();
  let cart = await readBoundCart(db(), id, owner);
  if (!cart) notFound();
  if (cart.syncState === "reconciliation_required") {
    await reconcileCart(cart.cartId).catch(() => undefined);
    cart = (await readBoundCart(db(), id, owner)) ?? cart;
  }
  const session = await stripe().checkout.sessions.retrieve(id);
  const needsReconciliation = cart.syncState === "reconciliation_required";
  const payUrl = needsReconciliation || session.status !== "open" ? null : localPayUrl(id);
  return (
    <ClientIntl locale={locale} namespaces={["Checkout", "Shipping", "Errors"]}>
      <h1>{t("heading")}</h1>
      <EditableCheckout
        sessionId={id}
        orderId={cart.orderId}
        status={session.status ?? "open"}
        amountTotal={session.amount_total ?? 0}
        currency={session.currency ?? cart.currency}
        lines={cart.lines.filter((l) => l.lineItemId).map((l) => ({ id: l.lineItemId!, name: l.variantName ? `${l.name} (${l.variantName})` : l.name, unitAmount: l.unitAmount, quantity: l.quantity }))}
        needsReconciliation={needsReconciliation}
        payUrl={payUrl}
        publishableKey={getEnv().stripeIsLocal ? null : getEnv().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
        clientSecret={needsReconciliation ? null : (session.client_secret ?? null)}
        shipping={cart.shippingCountries?.length ? {
          countries: cart.shippingCountries,
          chosen: cart.shippingOption,
          rates: orderRates({ shipping_rates: cart.shippingRates }).map((r) => ({ id: r.id, label: rateLabelFor(ts, r), amount: r.amount, countries: r.countries })),
          collected: collectedDetails(session),
        } : null}
      />
    </ClientIntl>
  );
}
