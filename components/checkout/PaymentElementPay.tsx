"use client";

import { loadStripe } from "@stripe/stripe-js";
import { useEffect, useRef, useState } from "react";

/** With real keys: Stripe's Payment Element for a PaymentIntent, confirming back to our order page. */
export function PaymentElementPay({ publishableKey, clientSecret, returnPath }: { publishableKey: string; clientSecret: string; returnPath: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<(() => Promise<void>) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const stripe = await loadStripe(publishableKey);
      if (!stripe || cancelled || !mount.current) return;
      const elements = stripe.elements({ clientSecret });
      elements.create("payment").mount(mount.current);
      setConfirm(() => async () => {
        const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: `${window.location.origin}${returnPath}` } });
        if (error) setError(error.message ?? "Payment failed");
      });
    })();
    return () => {
      cancelled = true;
    };
  }, [publishableKey, clientSecret, returnPath]);

  return (
    <div>
      <div ref={mount} />
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" disabled={!confirm} onClick={() => confirm?.()}>Confirm payment</button>
    </div>
  );
}
