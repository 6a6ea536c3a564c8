"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { useEffect, useState } from "react";
import type { OrderJson } from "@/lib/orders/json";
import { formatMoneyFor } from "@/lib/money";
import { notifyCartChanged } from "../cart/cart-events";

/** Shows the status the server knows, polling while Stripe's webhook may still change it. */
export function OrderStatus({ initial, retryUrl }: { initial: OrderJson; retryUrl: string | null }) {
  const t = useTranslations("Order");
  const locale = useLocale();
  const router = useRouter();
  const [order, setOrder] = useState(initial);

  // A paid order checked its cart out: the header re-reads the count.
  useEffect(() => {
    if (order.status === "paid") notifyCartChanged();
  }, [order.status]);

  useEffect(() => {
    // A failed order can still be paid on retry, and the webhook may land after the redirect.
    if (order.status !== "pending" && order.status !== "failed") return;
    const timer = setInterval(async () => {
      // Asks the server to read Stripe's own object (throttled per order) and answers the order.
      const res = await fetch(`/api/orders/${order.id}/refresh`, { method: "POST", cache: "no-store" }).catch(() => null);
      if (!res?.ok) return;
      const next = (await res.json()) as OrderJson;
      setOrder(next);
      // Paid orders empty the cart: let the header badge catch up.
      if (next.status !== order.status || next.payment_processing !== order.payment_processing) router.refresh();
    }, order.status === "pending" ? 1500 : 3000);
    return () => clearInterval(timer);
  }, [order.id, order.status, order.payment_processing, router]);

  return (
    <div aria-live="polite">
      <p>
        {t("statusLabel")} <strong data-testid="order-status" data-status={order.status}>{t("status", { status: order.status })}</strong>
      </p>
      {order.needs_review && <p className="notice">{t("review")}</p>}
      {order.status === "failed" && (
        <p role="alert" className="alert">
          {t("declined")} {retryUrl && <a href={retryUrl}>{t("tryAgain")}</a>}
        </p>
      )}
      {order.status === "pending" && order.payment_processing && (
        <p className="notice">{t("processing")}</p>
      )}
      {order.status === "canceled" && <p className="notice">{t("canceled")}</p>}
      {order.status === "refunded" && <p className="notice">{t("refunded")}</p>}
      {order.status === "paid" && order.amount_refunded > 0 && (
        <p className="notice" data-testid="order-refunded">{t("refundedSoFar", { amount: formatMoneyFor(order.amount_refunded, order.currency, locale) })}</p>
      )}
    </div>
  );
}
