"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { formatMoneyFor } from "@/lib/money";
import { translateApiError } from "@/components/i18n/api-error-message";
import { StripeElementsPay } from "./StripeElementsPay";
import { ShippingAddressForm, type AddressRate, type ShippingDetailsInput } from "./ShippingAddressForm";

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

/** Quantity steppers and remove for an open Checkout Session; every change goes through the sync route. */
export function EditableCheckout(props: Props) {
  const t = useTranslations("Checkout");
  const te = useTranslations("Errors");
  const locale = useLocale();
  const money = (amount: number) => formatMoneyFor(amount, props.currency, locale);
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
        const message = await translateApiError(json, "generic", te);
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
      if (!("shippingDetails" in body)) setError(te("network"));
      return te("network");
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
      {!open && <p className="notice">{t("closed", { status: props.status })}</p>}
      {blocked && <p role="alert" className="alert">{t("paused")}</p>}
      {error && <p role="alert" className="alert">{error}</p>}
      <table>
        <caption className="visually-hidden">{t("linesCaption")}</caption>
        <thead><tr><th scope="col">{t("item")}</th><th scope="col">{t("quantity")}</th><th scope="col">{t("subtotal")}</th><th scope="col"><span className="visually-hidden">{t("actions")}</span></th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} data-testid="checkout-line">
              <td>{l.name}</td>
              <td>
                <div className="row">
                  <button type="button" className="secondary" aria-label={t("decrease", { item: l.name })} disabled={!open || busy || blocked || l.quantity <= 1} onClick={() => send({ lineItemId: l.id, quantity: l.quantity - 1 })}>−</button>
                  <span data-testid="checkout-line-quantity">{l.quantity}</span>
                  <button type="button" className="secondary" aria-label={t("increase", { item: l.name })} disabled={!open || busy || blocked || l.quantity >= 999} onClick={() => send({ lineItemId: l.id, quantity: l.quantity + 1 })}>+</button>
                </div>
              </td>
              <td>{money(l.unitAmount * l.quantity)}</td>
              <td>
                <button type="button" className="secondary" aria-label={t("remove", { item: l.name })} disabled={!open || busy || blocked || lines.length <= 1} onClick={() => send({ lineItemId: l.id, remove: true })}>{t("removeButton")}</button>
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
          submitLabel={collected ? t("updateAddress") : t("continueToPayment")}
          disabled={!open || blocked}
          onRateChange={(id) => void chooseShipping(id)}
          onSubmit={(details, rate) => sendForMessage(rate ? { shippingDetails: details, shippingOption: rate } : { shippingDetails: details })}
        />
      )}
      <p className="price">{t("total")} <span data-testid="checkout-total">{money(total)}</span></p>
      {open && !blocked && !readyToPay && <p className="notice">{t("addressFirst")}</p>}
      {open && !blocked && readyToPay && props.payUrl && <a className="button" href={props.payUrl}>{t("pay")}</a>}
      {open && !blocked && readyToPay && !props.payUrl && props.publishableKey && props.clientSecret && (
        <StripeElementsPay publishableKey={props.publishableKey} clientSecret={props.clientSecret} />
      )}
    </div>
  );
}
