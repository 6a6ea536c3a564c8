import { notFound } from "next/navigation";
import { findVisibleOrder } from "@/lib/orders/access";
import { orderJson } from "@/lib/orders/json";
import { retryPaymentUrl } from "@/lib/orders/retry";
import { OrderStatus } from "@/components/order/OrderStatus";
import { Fulfillment } from "@/components/order/Fulfillment";
import { fulfillmentOf } from "@/lib/admin/fulfillment-view";
import { ConfirmationHeading, OrderConfirmation } from "@/components/order/OrderConfirmation";
import { currentOwner } from "@/app/_server/request-owner";
import { enterMarket, titledBy } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ market: string; id: string }> };

export const generateMetadata = titledBy("order");

/**
 * Where every checkout returns: the confirmation for guests (cart cookie) and signed-in shoppers.
 * Rendering never writes: the status component asks for a Stripe read (POST …/refresh) while the
 * order is unpaid, and refreshes this page when its status changes.
 */
export default async function OrderPage({ params }: Props) {
  const { locale } = await enterMarket(params);
  const order = await findVisibleOrder((await params).id, currentOwner());
  if (!order) notFound();
  const json = orderJson(order);
  return (
    <ClientIntl locale={locale} namespaces={["Order"]}>
      <ConfirmationHeading order={json} locale={locale} />
      <OrderStatus initial={json} retryUrl={retryPaymentUrl(order)} />
      {(order.status === "paid" || order.status === "refunded") && <Fulfillment fulfillment={fulfillmentOf(order)} locale={locale} />}
      <OrderConfirmation order={json} locale={locale} />
    </ClientIntl>
  );
}
