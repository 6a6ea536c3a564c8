"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { notifyCartChanged } from "./cart-events";

export function AddToCart({ priceId, maxQuantity, disabled }: { priceId: string; maxQuantity: number; disabled: boolean }) {
  const router = useRouter();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

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
      if (!res.ok) setMessage({ text: body.message ?? "Could not add to cart", error: true });
      else {
        setMessage({ text: "Added to cart", error: false });
        notifyCartChanged(body.item_count);
        router.refresh();
      }
    } catch {
      setMessage({ text: "Network error, please try again", error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={add} className="row" aria-label="Add to cart">
      <label>
        Quantity{" "}
        <input
          type="number"
          min={1}
          max={Math.max(1, maxQuantity)}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          disabled={disabled}
        />
      </label>
      <button type="submit" disabled={disabled || busy}>{disabled ? "Sold out" : busy ? "Adding…" : "Add to cart"}</button>
      <p role="status" className={message?.error ? "alert" : "muted"} hidden={!message}>{message?.text}</p>
    </form>
  );
}
