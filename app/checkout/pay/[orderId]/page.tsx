import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { findVisibleOrder } from "@/lib/orders/access";
import { stripe, localPayUrl } from "@/lib/stripe/client";
import { PaymentElementPay } from "@/components/checkout/PaymentElementPay";
import { currentOwner } from "@/app/_server/request-owner";
import { currentOrigin } from "@/app/_server/origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pay again" };

/** A declined PaymentIntent order paid again: the same intent, confirmed with another card. */
export default async function RetryPaymentPage({ params }: { params: Promise<{ orderId: string }> }) {
  const order = await findVisibleOrder((await params).orderId, currentOwner());
  if (!order?.stripe_payment_intent_id) notFound();
  const back = `/orders/${order.id}`;
  if (order.status !== "pending" && order.status !== "failed") redirect(back);
  const local = localPayUrl(order.stripe_payment_intent_id, `${await currentOrigin()}${back}`);
  if (local) redirect(local);
  const intent = await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id);
  if (!intent.client_secret) notFound();
  return (
    <>
      <h1>Pay again</h1>
      <PaymentElementPay publishableKey={getEnv().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} clientSecret={intent.client_secret} returnPath={back} />
    </>
  );
}
