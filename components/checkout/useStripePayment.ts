"use client";

import { loadStripe, type Stripe } from "@stripe/stripe-js";
import { useEffect, useRef, useState } from "react";

/** Confirms a payment; resolves to an error message, or null when Stripe took over (redirect). */
export type Confirm = () => Promise<string | null>;

/**
 * Loads Stripe.js, lets `setup` mount its element into the returned ref, and hands back the
 * confirm step once ready. Shared by the Payment Element pages (PaymentIntent and Checkout Session).
 */
export function useStripePayment(publishableKey: string, clientSecret: string, setup: (stripe: Stripe, el: HTMLDivElement) => Promise<Confirm | string>) {
  const mount = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setupRef = useRef(setup);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const stripe = await loadStripe(publishableKey);
      if (!stripe || cancelled || !mount.current) return;
      const ready = await setupRef.current(stripe, mount.current);
      if (typeof ready === "string") setError(ready);
      else setConfirm(() => ready);
    })();
    return () => {
      cancelled = true;
    };
  }, [publishableKey, clientSecret]);

  const pay = async () => {
    if (!confirm) return;
    const message = await confirm();
    if (message) setError(message);
  };
  return { mount, ready: confirm !== null, pay, error };
}
