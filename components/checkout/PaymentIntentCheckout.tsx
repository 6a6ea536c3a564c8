"use client";

import { useRef, useState } from "react";
import { PaymentElementPay } from "./PaymentElementPay";
import { formatMoney } from "@/lib/money";
import type { CartJson } from "@/lib/cart/view";
import { browserSupabase, type PublicSupabaseConfig } from "@/lib/auth/browser-client";

interface Props {
  cart: CartJson;
  lines: { item_id: number; variant_id: number; quantity: number }[];
  supabase: PublicSupabaseConfig;
  /** The Stripe emulator's address when running offline; null with real Stripe. */
  localPayBase: string | null;
  publishableKey: string;
}

/** Summary + Pay: creates the order (POST /api/checkout, one Idempotency-Key per visit) and hands over to payment. */
export function PaymentIntentCheckout({ cart, lines, supabase, localPayBase, publishableKey }: Props) {
  const idempotencyKey = useRef(crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [intent, setIntent] = useState<{ clientSecret: string; orderId: string } | null>(null);

  if (cart.items.length === 0) return <p className="notice">Your cart is empty.</p>;

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const { data } = await browserSupabase(supabase).auth.getSession();
      const token = data.session?.access_token;
      const res = await fetch("/api/checkout", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token ?? ""}`, "Idempotency-Key": idempotencyKey.current },
        body: JSON.stringify({ currency: cart.currency, cartItems: lines }),
      });
      const json = (await res.json()) as { clientSecret?: string; orderId?: string; error?: string };
      if (!res.ok || !json.clientSecret || !json.orderId) {
        setError(json.error ?? "Checkout failed");
        setBusy(false);
        return;
      }
      if (localPayBase) {
        const returnUrl = `${window.location.origin}/orders/${json.orderId}`;
        const pi = json.clientSecret.split("_secret_")[0]!;
        // The emulator's pay page is another origin, not a Next.js route.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`${localPayBase}/pay/${pi}?return_url=${encodeURIComponent(returnUrl)}`);
        return;
      }
      setIntent({ clientSecret: json.clientSecret, orderId: json.orderId });
      setBusy(false);
    } catch {
      setError("Checkout failed");
      setBusy(false);
    }
  }

  return (
    <div>
      <table>
        <caption className="visually-hidden">Order summary</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Subtotal</th></tr></thead>
        <tbody>
          {cart.items.map((i) => (
            <tr key={i.price}>
              <td>{cart.products[String(i.product)]?.name}{i.variant.name && <span className="muted"> · {i.variant.name}</span>}</td>
              <td>{i.quantity}</td>
              <td>{formatMoney(i.unit_amount * i.quantity, i.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="price">Total: {cart.total_price_with_currency} <span className="muted">({cart.currency.toUpperCase()})</span></p>
      {error && <p role="alert" className="alert">{error}</p>}
      {intent ? (
        <PaymentElementPay publishableKey={publishableKey} clientSecret={intent.clientSecret} returnPath={`/orders/${intent.orderId}`} />
      ) : (
        <button type="button" onClick={pay} disabled={busy}>{busy ? "Preparing payment…" : "Pay"}</button>
      )}
    </div>
  );
}
