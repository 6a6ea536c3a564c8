import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { formatMoneyFor } from "@/lib/money";
import { countryName } from "@/lib/checkout/country-name";
import type { OrderJson } from "@/lib/orders/json";
import type { Locale } from "@/lib/i18n/markets";

type Phase = OrderJson["status"] | "processing";

function phase(order: OrderJson): Phase {
  if (order.status === "pending" && order.payment_processing) return "processing";
  return order.status;
}

export async function ConfirmationHeading({ order, locale }: { order: OrderJson; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Confirmation" });
  return <h1>{t("heading", { phase: phase(order) })}</h1>;
}

/**
 * The order as the server knows it: number, items, totals, where and how it ships, and what happens
 * next. Amounts in the order's own currency, written the shopper's way.
 */
export async function OrderConfirmation({ order, locale }: { order: OrderJson; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Confirmation" });
  const money = (amount: number) => formatMoneyFor(amount, order.currency, locale);
  const p = phase(order);
  const shipping = order.shipping;
  const address = shipping?.address;
  const method = shipping?.method;
  const next = p === "paid" ? (shipping ? t("next.paidShips") : t("next.paidDigital")) : t(`next.${p}`);
  const days = method?.min_days && method.max_days ? (method.min_days === method.max_days ? `${method.min_days}` : `${method.min_days}–${method.max_days}`) : null;
  return (
    <>
      <p>
        {t("orderNumber")}: <strong data-testid="order-number">{order.id.slice(0, 8).toUpperCase()}</strong>
      </p>
      <table>
        <caption className="visually-hidden">{t("itemsCaption")}</caption>
        <thead><tr><th scope="col">{t("item")}</th><th scope="col">{t("quantity")}</th><th scope="col">{t("price")}</th></tr></thead>
        <tbody>
          {order.items.map((i, n) => (
            <tr key={n} data-testid="order-line">
              <td>{i.name}{i.variant && <span className="muted"> · {i.variant}</span>}</td>
              <td>{i.quantity}</td>
              <td>{formatMoneyFor(i.unit_amount * i.quantity, i.currency, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={2}>{t("subtotal")}</th><td data-testid="order-subtotal">{money(order.amount_subtotal)}</td></tr>
          {shipping && (
            <tr>
              <th scope="row" colSpan={2}>{t("shipping")}{method && ` (${method.name})`}</th>
              <td data-testid="order-shipping">{order.amount_shipping === 0 ? t("free") : money(order.amount_shipping)}</td>
            </tr>
          )}
          <tr><th scope="row" colSpan={2}>{t("total")}</th><td className="price" data-testid="order-total">{money(order.amount_total)}</td></tr>
        </tfoot>
      </table>
      {shipping && (address || method) && (
        <section aria-labelledby="ship-to">
          <h2 id="ship-to">{t("shipTo")}</h2>
          {address && (
            <address data-testid="order-address">
              {shipping.name && <>{shipping.name}<br /></>}
              {address.line1}<br />
              {address.line2 && <>{address.line2}<br /></>}
              {[address.postal_code, address.city].filter(Boolean).join(" ")}<br />
              {address.state && <>{address.state}<br /></>}
              {countryName(address.country, locale)}
            </address>
          )}
          {method && (
            <p>
              {t("method")}: <span data-testid="order-shipping-method">{method.name}</span>
              {days && <span className="muted"> ({t("businessDays", { days })})</span>}
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="next-steps">
        <h2 id="next-steps">{t("nextHeading")}</h2>
        <p data-testid="order-next">{next}</p>
        <p><NavLink href="/">{t("continueShopping")}</NavLink></p>
      </section>
    </>
  );
}
