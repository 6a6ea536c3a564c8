"use client";

import { useLocale, useTranslations } from "@/components/i18n/client";
import { useRef, useState } from "react";
import { PaymentElementPay } from "./PaymentElementPay";
import { ShippingAddressForm, type ShippingDetailsInput } from "./ShippingAddressForm";
import type { ShippingChoices } from "@/lib/checkout/cart-shipping";
import { formatMoneyFor } from "@/lib/money";
import { translateApiError } from "@/components/i18n/api-error-message";
import type { CartJson } from "@/lib/cart/view";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

interface Props {
  cart: CartJson;
  lines: { item_id: number; variant_id: number; quantity: number }[];
  supabase: PublicSupabaseConfig;
  /** The Stripe emulator's address when running offline; null with real Stripe. */
  localPayBase: string | null;
  publishableKey: string;
  /** Set when something in the cart ships: the address step comes before payment. */
  shipping: ShippingChoices | null;
}

/** Summary + Pay: creates the order (POST /api/checkout, one Idempotency-Key per visit) and hands over to payment. */
export function PaymentIntentCheckout({ cart, lines, supabase, localPayBase, publishableKey, shipping }: Props) {
  const t = useTranslations("Checkout");
  const ts = useTranslations("Shipping");
  const te = useTranslations("Errors");
  const locale = useLocale();
  const money = (amount: number, currency: string) => formatMoneyFor(amount, currency, locale);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [intent, setIntent] = useState<{ clientSecret: string; orderId: string } | null>(null);
  const [rateId, setRateId] = useState<string | null>(shipping?.rates[0]?.id ?? null);
  const shippingAmount = shipping?.rates.find((r) => r.id === rateId)?.amount ?? 0;

  if (cart.items.length === 0) return <p className="notice">{t("empty")}</p>;

  /** Creates (or, same Idempotency-Key, finds) the order; with an address, sets it on the PaymentIntent first. Resolves to an error. */
  async function pay(details?: ShippingDetailsInput, rate?: string | null): Promise<string | null> {
    setBusy(true);
    setError(null);
    const failed = (message: string) => {
      setBusy(false);
      if (!details) setError(message);
      return message;
    };
    try {
      const { data } = await browserSupabase(supabase).auth.getSession();
      const token = data.session?.access_token;
      const res = await fetch("/api/checkout", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token ?? ""}`, "Idempotency-Key": idempotencyKey.current },
        body: JSON.stringify({ currency: cart.currency, cartItems: lines }),
      });
      const json = (await res.json()) as { clientSecret?: string; orderId?: string; error?: string };
      if (!res.ok || !json.clientSecret || !json.orderId) return failed(await translateApiError(json, "checkoutFailed", te));
      if (details) {
        const shipped = await fetch(`/api/orders/${json.orderId}/shipping`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token ?? ""}` },
          body: JSON.stringify({ shipping_details: details, shipping_rate: rate ?? null }),
        });
        if (!shipped.ok) return failed(await translateApiError(await shipped.json().catch(() => ({})), "checkoutFailed", te));
      }
      if (localPayBase) {
        const returnUrl = `${window.location.origin}/orders/${json.orderId}`;
        const pi = json.clientSecret.split("_secret_")[0]!;
        // The emulator's pay page is another origin, not a Next.js route.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`${localPayBase}/pay/${pi}?return_url=${encodeURIComponent(returnUrl)}`);
        return null;
      }
      setIntent({ clientSecret: json.clientSecret, orderId: json.orderId });
      setBusy(false);
      return null;
    } catch {
      return failed(te("checkoutFailed"));
    }
  }

  return (
    <div>
      <table>
        <caption className="visually-hidden">{t("summaryCaption")}</caption>
        <thead><tr><th scope="col">{t("item")}</th><th scope="col">{t("quantity")}</th><th scope="col">{t("subtotal")}</th></tr></thead>
        <tbody>
          {cart.items.map((i) => (
            <tr key={i.price}>
              <td>{cart.products[String(i.product)]?.name}{i.variant.name && <span className="muted"> · {i.variant.name}</span>}</td>
              <td>{i.quantity}</td>
              <td>{money(i.unit_amount * i.quantity, i.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shipping && <p>{ts("ratesLegend")}: {shippingAmount === 0 ? ts("free") : money(shippingAmount, cart.currency)}</p>}
      <p className="price">{t("total")} <span data-testid="checkout-total">{money(cart.total_price + shippingAmount, cart.currency)}</span> <span className="muted">({cart.currency.toUpperCase()})</span></p>
      {error && <p role="alert" className="alert">{error}</p>}
      {intent ? (
        <PaymentElementPay publishableKey={publishableKey} clientSecret={intent.clientSecret} returnPath={`/orders/${intent.orderId}`} />
      ) : shipping ? (
        <ShippingAddressForm
          countries={shipping.countries}
          rates={shipping.rates}
          currency={cart.currency}
          initial={null}
          initialRate={rateId}
          submitLabel={t("pay")}
          disabled={busy}
          onRateChange={setRateId}
          onSubmit={(details, rate) => pay(details, rate)}
        />
      ) : (
        <button type="button" onClick={() => void pay()} disabled={busy}>{busy ? t("preparing") : t("pay")}</button>
      )}
    </div>
  );
}
