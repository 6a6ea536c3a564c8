"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatMoney } from "@/lib/money";
import { StripeElementsPay } from "./StripeElementsPay";

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
  shipping: { chosen: string; options: { id: string; name: string; amount: number }[] } | null;
}

const MESSAGES: Record<string, string> = {
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
  const open = props.status === "open";

  async function send(body: { lineItemId: string; quantity?: number; remove?: true } | { shippingOption: string }): Promise<boolean> {
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
        setError(json.message ?? MESSAGES[json.error ?? ""] ?? "Something went wrong, please try again.");
        return false;
      }
      setLines(json.cart!.lineItems.map((l) => ({ id: l.id, name: l.name, unitAmount: l.amountMinor, quantity: l.quantity })));
      setTotal(json.amountMinor!);
      setShippingChoice(json.cart!.shipping?.option ?? null);
      router.refresh();
      return true;
    } catch {
      setError("Network error, please try again.");
      return false;
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
        <fieldset>
          <legend>Shipping</legend>
          {props.shipping.options.map((o) => (
            <label key={o.id} className="choice">
              <input
                type="radio"
                name="shipping"
                value={o.id}
                checked={shippingChoice === o.id}
                disabled={!open || busy || blocked}
                onChange={() => void chooseShipping(o.id)}
              />
              {o.name} ({o.amount === 0 ? "free" : formatMoney(o.amount, props.currency)})
            </label>
          ))}
        </fieldset>
      )}
      <p className="price">Total: <span data-testid="checkout-total">{formatMoney(total, props.currency)}</span></p>
      {open && !blocked && props.payUrl && <a className="button" href={props.payUrl}>Pay</a>}
      {open && !blocked && !props.payUrl && props.publishableKey && props.clientSecret && (
        <StripeElementsPay publishableKey={props.publishableKey} clientSecret={props.clientSecret} />
      )}
    </div>
  );
}
