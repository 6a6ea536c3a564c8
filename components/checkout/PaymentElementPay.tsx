"use client";

import { useStripePayment } from "./useStripePayment";

/** With real keys: Stripe's Payment Element for a PaymentIntent, confirming back to our order page. */
export function PaymentElementPay({ publishableKey, clientSecret, returnPath }: { publishableKey: string; clientSecret: string; returnPath: string }) {
  const { mount, ready, pay, error } = useStripePayment(publishableKey, clientSecret, async (stripe, el) => {
    const elements = stripe.elements({ clientSecret });
    elements.create("payment").mount(el);
    return async () => {
      const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: `${window.location.origin}${returnPath}` } });
      return error ? (error.message ?? "Payment failed") : null;
    };
  });
  return (
    <div>
      <div ref={mount} />
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" disabled={!ready} onClick={pay}>Confirm payment</button>
    </div>
  );
}
