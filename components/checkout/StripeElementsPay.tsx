"use client";

import { useTranslations } from "@/components/i18n/client";
import { useStripePayment } from "./useStripePayment";

/** With real keys: Stripe's Payment Element for an `elements` Checkout Session (initCheckoutElementsSdk). */
export function StripeElementsPay({ publishableKey, clientSecret }: { publishableKey: string; clientSecret: string }) {
  const t = useTranslations("Checkout");
  const { mount, ready, pay, error } = useStripePayment(publishableKey, clientSecret, async (stripe, el) => {
    const checkout = stripe.initCheckoutElementsSdk({ clientSecret });
    checkout.createPaymentElement().mount(el);
    const loaded = await checkout.loadActions();
    if (loaded.type === "error") return loaded.error.message;
    return async () => {
      const result = await loaded.actions.confirm();
      return result.type === "error" ? result.error.message : null;
    };
  });
  return (
    <div>
      <div ref={mount} />
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" disabled={!ready} onClick={pay}>{t("pay")}</button>
    </div>
  );
}
