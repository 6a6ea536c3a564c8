"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "@/components/i18n/client";
import { useState } from "react";
import { translateApiError } from "@/components/i18n/api-error-message";
import { notifyCartChanged } from "./cart-events";

export function AddToCart({ priceId, maxQuantity, disabled }: { priceId: string; maxQuantity: number; disabled: boolean }) {
  const t = useTranslations("Cart");
  const te = useTranslations("Errors");
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
      if (!res.ok) setMessage({ text: await translateApiError(body, "addFailed", te), error: true });
      else {
        setMessage({ text: t("added"), error: false });
        notifyCartChanged(body.item_count);
        router.refresh();
      }
    } catch {
      setMessage({ text: te("network"), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={add} className="row" aria-label={t("addForm")}>
      <label>
        {t("quantity")}{" "}
        <input
          type="number"
          min={1}
          max={Math.max(1, maxQuantity)}
          value={quantity}
          onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          disabled={disabled}
        />
      </label>
      <button type="submit" disabled={disabled || busy}>{disabled ? t("soldOut") : busy ? t("adding") : t("add")}</button>
      <p role="status" className={message?.error ? "alert" : "muted"} hidden={!message}>{message?.text}</p>
    </form>
  );
}
