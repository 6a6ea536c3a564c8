import Link from "next/link";
import { formatMoney } from "@/lib/money";
import { countryName } from "@/lib/checkout/country-name";
import type { OrderJson } from "@/lib/orders/json";
import { CONFIRMATION_MESSAGES as M } from "./confirmation-messages";

function phase(order: OrderJson): keyof typeof M.heading {
  if (order.status === "pending" && order.payment_processing) return "processing";
  return order.status;
}


export function ConfirmationHeading({ order }: { order: OrderJson }) {
  return <h1>{M.heading[phase(order)]}</h1>;
}

/** The order as the server knows it: number, items, totals, where and how it ships, and what happens next. */
export function OrderConfirmation({ order }: { order: OrderJson }) {
  const p = phase(order);
  const shipping = order.shipping;
  const address = shipping?.address;
  const method = shipping?.method;
  const next = p === "paid" ? (shipping ? M.next.paidShips : M.next.paidDigital) : M.next[p];
  return (
    <>
      <p>
        {M.orderNumber}: <strong data-testid="order-number">{order.id.slice(0, 8).toUpperCase()}</strong>
      </p>
      <table>
        <caption className="visually-hidden">{M.itemsCaption}</caption>
        <thead><tr><th scope="col">{M.item}</th><th scope="col">{M.quantity}</th><th scope="col">{M.price}</th></tr></thead>
        <tbody>
          {order.items.map((i, n) => (
            <tr key={n} data-testid="order-line">
              <td>{i.name}{i.variant && <span className="muted"> · {i.variant}</span>}</td>
              <td>{i.quantity}</td>
              <td>{formatMoney(i.unit_amount * i.quantity, i.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row" colSpan={2}>{M.subtotal}</th><td data-testid="order-subtotal">{formatMoney(order.amount_subtotal, order.currency)}</td></tr>
          {shipping && (
            <tr>
              <th scope="row" colSpan={2}>{M.shipping}{method && ` (${method.name})`}</th>
              <td data-testid="order-shipping">{order.amount_shipping === 0 ? M.free : formatMoney(order.amount_shipping, order.currency)}</td>
            </tr>
          )}
          <tr><th scope="row" colSpan={2}>{M.total}</th><td className="price" data-testid="order-total">{order.amount_total_with_currency}</td></tr>
        </tfoot>
      </table>
      {shipping && (address || method) && (
        <section aria-labelledby="ship-to">
          <h2 id="ship-to">{M.shipTo}</h2>
          {address && (
            <address data-testid="order-address">
              {shipping.name && <>{shipping.name}<br /></>}
              {address.line1}<br />
              {address.line2 && <>{address.line2}<br /></>}
              {[address.postal_code, address.city].filter(Boolean).join(" ")}<br />
              {address.state && <>{address.state}<br /></>}
              {countryName(address.country)}
            </address>
          )}
          {method && (
            <p>
              {M.method}: <span data-testid="order-shipping-method">{method.name}</span>
              {method.min_days && method.max_days && <span className="muted"> ({M.businessDays(method.min_days, method.max_days)})</span>}
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="next-steps">
        <h2 id="next-steps">{M.nextHeading}</h2>
        <p data-testid="order-next">{next}</p>
        <p><Link href="/">{M.continueShopping}</Link></p>
      </section>
    </>
  );
}
