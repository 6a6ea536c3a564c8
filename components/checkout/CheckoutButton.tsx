"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { translateApiError } from "@/components/i18n/api-error-message";

export type CheckoutFlow = "elements" | "hosted" | "payment_element";

/**
 * The cart's one Checkout button; the merchant picks where it leads (CHECKOUT_FLOW): our editable
 * page (a Checkout Session in `elements` mode), Stripe's hosted page, or our PaymentIntent page.
 */
export function CheckoutButton({ flow, disabled = false }: { flow: CheckoutFlow; disabled?: boolean }) {
  const t = useTranslations("Checkout");
  const te = useTranslations("Errors");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      setError(res ? await translateApiError(json, "checkoutFailed", te) : te("network"));
      return;
    }
    window.location.assign(json.url);
  }

  return (
    <>
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" onClick={start} disabled={busy || disabled}>{busy ? t("redirecting") : t("checkout")}</button>
    </>
  );
}
