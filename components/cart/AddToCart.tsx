"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { lazyApiError } from "@/components/i18n/lazy-api-error";
import { notifyCartChanged } from "./cart-events";

/** Its words, translated on the server (components/product/purchase-text.ts). */
export type AddToCartText = { form: string; quantity: string; add: string; adding: string; added: string; soldOut: string; failed: string; network: string };

export function AddToCart({ priceId, maxQuantity, disabled, locale, text }: { priceId: string; maxQuantity: number; disabled: boolean; locale: string; text: AddToCartText }) {
  const router = useRouter();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: ReactNode; error: boolean } | null>(null);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch("/api/cart/add", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ items: [{ price: priceId, quantity }] }),
      });
      const body = (await res.json()) as { message?: string; item_count?: number };
      if (!res.ok) setMessage({ text: await lazyApiError(body, "addFailed", locale, text.failed), error: true });
      else {
        setMessage({ text: text.added, error: false });
        notifyCartChanged(body.item_count);
        router.refresh();
      }
    } catch {
      setMessage({ text: text.network, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={add} className="row" aria-label={text.form}>
      <label>
        {text.quantity}{" "}
        <input
          type="number"
          min={1}
          max={Math.max(1, maxQuantity)}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          disabled={disabled}
        />
      </label>
      <button type="submit" disabled={disabled || busy}>{disabled ? text.soldOut : busy ? text.adding : text.add}</button>
      <p role="status" className={message?.error ? "alert" : "muted"} hidden={!message}>{message?.text}</p>
    </form>
  );
}
