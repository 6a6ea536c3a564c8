"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatMoney } from "@/lib/money";
import { StripeElementsPay } from "./StripeElementsPay";
import { ShippingAddressForm, type AddressRate, type ShippingDetailsInput } from "./ShippingAddressForm";
import { SHIPPING_MESSAGES } from "./shipping-messages";

interface Line {
  id: string;
  name: string;
  unitAmount: number;
  quantity: number;
}

interface Props {
  sessionId: string;
  orderId: string;
  status: string;
  amountTotal: number;
  currency: string;
  lines: Line[];
  needsReconciliation: boolean;
  payUrl: string | null;
  publishableKey: string | null;
  clientSecret: string | null;
  /** Set when something in the checkout ships: where to, at which rates, and what Stripe already holds. */
  shipping: { countries: string[]; chosen: string | null; rates: AddressRate[]; collected: ShippingDetailsInput | null } | null;
}

const MESSAGES: Record<string, string> = {
  continueToPayment: "Continue to payment",
  updateAddress: "Update address",
  addressFirst: "Enter your shipping address to continue to payment.",
  invalid_quantity: "Please choose a quantity of at least 1.",
  checkout_update_failed: "We could not update your checkout. Nothing was changed; please try again.",
  cart_reconciliation_required: "Your checkout needs to be checked before you can pay. Please reload the page.",
};

/** Quantity steppers and remove for an open Checkout Session; every change goes through the sync route. */
export function EditableCheckout(props: Props) {
  const router = useRouter();
  const [lines, setLines] = useState(props.lines);
  const [total, setTotal] = useState(props.amountTotal);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(props.needsReconciliation);
  const [shippingChoice, setShippingChoice] = useState(props.shipping?.chosen ?? null);
  const [collected, setCollected] = useState(props.shipping?.collected ?? null);
  const open = props.status === "open";
  const readyToPay = !props.shipping || collected !== null;

  type Change = { lineItemId: string; quantity?: number; remove?: true } | { shippingOption: string } | { shippingDetails: ShippingDetailsInput; shippingOption?: string };
  async function send(body: Change): Promise<boolean> {
    return (await sendForMessage(body)) === null;
  }

  /** Sends one change through the sync route; resolves to the error shown, or null. */
  async function sendForMessage(body: Change): Promise<string | null> {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/checkout/sessions/${props.sessionId}/cart`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as {
        error?: string;
        message?: string;
        amountMinor?: number;
        cart?: { lineItems: { id: string; name: string; amountMinor: number; quantity: number }[]; shipping: { option: string } | null };
      };
      if (!res.ok) {
        if (json.error === "cart_reconciliation_required") setBlocked(true);
        const message = json.message ?? MESSAGES[json.error ?? ""] ?? SHIPPING_MESSAGES.genericError;
        if (!("shippingDetails" in body)) setError(message);
        return message;
      }
      setLines(json.cart!.lineItems.map((l) => ({ id: l.id, name: l.name, unitAmount: l.amountMinor, quantity: l.quantity })));
      setTotal(json.amountMinor!);
      setShippingChoice(json.cart!.shipping?.option ?? null);
      if ("shippingDetails" in body) setCollected(body.shippingDetails);
      router.refresh();
      return null;
    } catch {
      if (!("shippingDetails" in body)) setError(SHIPPING_MESSAGES.networkError);
      return SHIPPING_MESSAGES.networkError;
    } finally {
      setBusy(false);
    }
  }

  async function chooseShipping(id: string) {
    const previous = shippingChoice;
    setShippingChoice(id);
    if (!(await send({ shippingOption: id }))) setShippingChoice(previous);
  }

  return (
    <div>
      {!open && <p className="notice">This checkout is {props.status} and can no longer be changed.</p>}
      {blocked && <p role="alert" className="alert">This checkout is being checked against the payment provider. Payment is paused until it is resolved.</p>}
      {error && <p role="alert" className="alert">{error}</p>}
      <table>
        <caption className="visually-hidden">Items in this checkout</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Subtotal</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} data-testid="checkout-line">
              <td>{l.name}</td>
              <td>
                <div className="row">
                  <button type="button" className="secondary" aria-label={`Decrease quantity of ${l.name}`} disabled={!open || busy || blocked || l.quantity <= 1} onClick={() => send({ lineItemId: l.id, quantity: l.quantity - 1 })}>−</button>
                  <span data-testid="checkout-line-quantity">{l.quantity}</span>
                  <button type="button" className="secondary" aria-label={`Increase quantity of ${l.name}`} disabled={!open || busy || blocked || l.quantity >= 999} onClick={() => send({ lineItemId: l.id, quantity: l.quantity + 1 })}>+</button>
                </div>
              </td>
              <td>{formatMoney(l.unitAmount * l.quantity, props.currency)}</td>
              <td>
                <button type="button" className="secondary" aria-label={`Remove ${l.name}`} disabled={!open || busy || blocked || lines.length <= 1} onClick={() => send({ lineItemId: l.id, remove: true })}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.shipping && (
        <ShippingAddressForm
          countries={props.shipping.countries}
          rates={props.shipping.rates}
          currency={props.currency}
          initial={collected}
          initialRate={shippingChoice}
          submitLabel={collected ? MESSAGES.updateAddress! : MESSAGES.continueToPayment!}
          disabled={!open || blocked}
          onRateChange={(id) => void chooseShipping(id)}
          onSubmit={(details, rate) => sendForMessage(rate ? { shippingDetails: details, shippingOption: rate } : { shippingDetails: details })}
        />
      )}
      <p className="price">Total: <span data-testid="checkout-total">{formatMoney(total, props.currency)}</span></p>
      {open && !blocked && !readyToPay && <p className="notice">{MESSAGES.addressFirst}</p>}
      {open && !blocked && readyToPay && props.payUrl && <a className="button" href={props.payUrl}>Pay</a>}
      {open && !blocked && readyToPay && !props.payUrl && props.publishableKey && props.clientSecret && (
        <StripeElementsPay publishableKey={props.publishableKey} clientSecret={props.clientSecret} />
      )}
    </div>
  );
}
