import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getEnv } from "@/lib/env";
import { findVisibleOrder } from "@/lib/orders/access";
import { stripe, localPayUrl } from "@/lib/stripe/client";
import { PaymentElementPay } from "@/components/checkout/PaymentElementPay";
import { currentOwner } from "@/app/_server/request-owner";
import { currentOrigin } from "@/app/_server/origin";
import { enterMarket, titledBy } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ market: string; orderId: string }> };

export const generateMetadata = titledBy("payAgain");

/** A declined PaymentIntent order paid again: the same intent, confirmed with another card. */
export default async function RetryPaymentPage({ params }: Props) {
  const { locale } = await enterMarket(params);
  const order = await findVisibleOrder((await params).orderId, currentOwner());
  if (!order?.stripe_payment_intent_id) notFound();
  const back = `/orders/${order.id}`;
  if (order.status !== "pending" && order.status !== "failed") redirect(back);
  const local = localPayUrl(order.stripe_payment_intent_id, `${await currentOrigin()}${back}`);
  if (local) redirect(local);
  const intent = await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id);
  if (!intent.client_secret) notFound();
  return (
    <ClientIntl locale={locale} namespaces={["Checkout", "Errors"]}>
      <h1>{(await getTranslations({ locale, namespace: "Checkout" }))("payAgainHeading")}</h1>
      <PaymentElementPay publishableKey={getEnv().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} clientSecret={intent.client_secret} returnPath={back} />
    </ClientIntl>
  );
}
