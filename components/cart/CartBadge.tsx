"use client";

import { NavLink } from "@/components/layout/NavLink";
import { useEffect, useState } from "react";
import { onCartChanged } from "./cart-events";
import { countLabel, type CountLabels } from "./count-label";

/**
 * Header cart link with the item count, read from /api/cart in the browser so pages stay cacheable.
 * Its words come translated from the server (components/layout/SiteHeader.tsx).
 */
export function CartBadge({ locale, text, labels }: { locale: string; text: string; labels: CountLabels }) {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    const load = () =>
      fetch("/api/cart", { cache: "no-store", headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<{ item_count: number }>) : null))
        .then((cart) => setCount(cart?.item_count ?? 0))
        .catch(() => setCount(0));
    void load();
    return onCartChanged((n) => (typeof n === "number" ? setCount(n) : void load()));
  }, []);

  const n = count ?? 0;
  return (
    <NavLink href="/cart" aria-label={countLabel(labels, locale, n)} data-testid="cart-link">
      {text} <span className="badge" data-testid="cart-count" data-loaded={count !== null}>{n}</span>
    </NavLink>
  );
}
