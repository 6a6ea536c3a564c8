import { NavLink } from "@/components/layout/NavLink";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatMoneyFor } from "@/lib/money";
import { listOrdersForUser } from "@/lib/orders/queries";
import { currentOwner } from "@/app/_server/request-owner";
import { Fulfillment } from "@/components/order/Fulfillment";
import { fulfillmentOf } from "@/lib/admin/fulfillment-view";
import { enterMarket, titledBy, type MarketParams } from "@/i18n/market";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("myOrders");

export default async function AccountOrdersPage({ params }: MarketParams) {
  const { locale } = await enterMarket(params);
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/account/orders");
  const [orders, t, to] = await Promise.all([
    listOrdersForUser(owner.userId),
    getTranslations({ locale, namespace: "Account" }),
    getTranslations({ locale, namespace: "Order" }),
  ]);
  return (
    <>
      <h1>{t("ordersHeading")}</h1>
      {orders.length === 0 ? (
        <p>{t("noOrders")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("ordersCaption")}</caption>
          <thead><tr><th scope="col">{t("order")}</th><th scope="col">{t("date")}</th><th scope="col">{t("status")}</th><th scope="col">{t("delivery")}</th><th scope="col">{t("total")}</th></tr></thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="account-order">
                <td><NavLink href={`/orders/${o.id}`}>{o.id.slice(0, 8)}</NavLink></td>
                <td>{o.created_at.toISOString().slice(0, 10)}</td>
                <td>{to("status", { status: o.status })}</td>
                <td>{o.status === "paid" || o.status === "refunded" ? <Fulfillment fulfillment={fulfillmentOf(o)} locale={locale} compact /> : "—"}</td>
                <td>{formatMoneyFor(o.amount_total, o.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
