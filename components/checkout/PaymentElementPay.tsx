"use client";

import { useTranslations } from "@/components/i18n/client";
import { useStripePayment } from "./useStripePayment";

/** With real keys: Stripe's Payment Element for a PaymentIntent, confirming back to our order page. */
export function PaymentElementPay({ publishableKey, clientSecret, returnPath }: { publishableKey: string; clientSecret: string; returnPath: string }) {
  const t = useTranslations("Checkout");
  const te = useTranslations("Errors");
  const { mount, ready, pay, error } = useStripePayment(publishableKey, clientSecret, async (stripe, el) => {
    const elements = stripe.elements({ clientSecret });
    elements.create("payment").mount(el);
    return async () => {
      const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: `${window.location.origin}${returnPath}` } });
      // Stripe.js words its errors in the shopper's browser language already.
      return error ? (error.message ?? te("paymentFailed")) : null;
    };
  });
  return (
    <div>
      <div ref={mount} />
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" disabled={!ready} onClick={pay}>{t("confirmPayment")}</button>
    </div>
  );
}
