"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { lazyApiError } from "@/components/i18n/lazy-api-error";

export type CheckoutFlow = "elements" | "hosted" | "payment_element";

/** Its words, translated on the server (components/cart/cart-text.ts). */
export type CheckoutText = { checkout: string; redirecting: string; failed: string; network: string };

/**
 * The cart's one Checkout button; the merchant picks where it leads (CHECKOUT_FLOW): our editable
 * page (a Checkout Session in `elements` mode), Stripe's hosted page, or our PaymentIntent page.
 */
export function CheckoutButton({ flow, disabled = false, locale, text }: { flow: CheckoutFlow; disabled?: boolean; locale: string; text: CheckoutText }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);

  async function start() {
    if (flow === "payment_element") {
      router.push("/checkout");
      return;
    }
    setBusy(true);
    setError(null);
    const res = await fetch("/api/cart/checkout", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ ui_mode: flow === "elements" ? "elements" : "hosted_page" }),
    }).catch(() => null);
    const json = ((await res?.json().catch(() => null)) ?? {}) as { url?: unknown; message?: unknown };
    if (!res?.ok || typeof json.url !== "string") {
      setBusy(false);
      setError(res ? await lazyApiError(json, "checkoutFailed", locale, text.failed) : text.network);
      return;
    }
    window.location.assign(json.url);
  }

  return (
    <>
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" onClick={start} disabled={busy || disabled}>{busy ? text.redirecting : text.checkout}</button>
    </>
  );
}
