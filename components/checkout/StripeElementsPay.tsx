"use client";

import { loadStripe } from "@stripe/stripe-js";
import { useEffect, useRef, useState } from "react";

/** With real keys: Stripe's Payment Element for an `elements` Checkout Session (initCheckoutElementsSdk). */
export function StripeElementsPay({ publishableKey, clientSecret }: { publishableKey: string; clientSecret: string }) {
  const mount = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<(() => Promise<void>) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const stripe = await loadStripe(publishableKey);
      if (!stripe || cancelled || !mount.current) return;
      const checkout = stripe.initCheckoutElementsSdk({ clientSecret });
      checkout.createPaymentElement().mount(mount.current);
      const loaded = await checkout.loadActions();
      if (loaded.type === "error") {
        setError(loaded.error.message);
        return;
      }
      setConfirm(() => async () => {
        const result = await loaded.actions.confirm();
        if (result.type === "error") setError(result.error.message);
      });
    })();
    return () => {
      cancelled = true;
    };
  }, [publishableKey, clientSecret]);

  return (
    <div>
      <div ref={mount} />
      {error && <p role="alert" className="alert">{error}</p>}
      <button type="button" disabled={!confirm} onClick={() => confirm?.()}>Pay</button>
    </div>
  );
}
