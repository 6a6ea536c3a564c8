"use client";

import { NavLink } from "@/components/layout/NavLink";
import { useState, type ReactNode } from "react";
import { formatMoneyFor } from "@/lib/money";
import { lazyApiError } from "@/components/i18n/lazy-api-error";
import { fill } from "@/components/i18n/template";
import type { CartJson } from "@/lib/cart/view";
import { notifyCartChanged } from "./cart-events";
import { countLabel } from "./count-label";
import type { CartText } from "./cart-text";
import { CheckoutButton, type CheckoutFlow } from "../checkout/CheckoutButton";

type Item = CartJson["items"][number];

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, json };
}

/**
 * The cart with optimistic edits: the line changes at once and rolls back if the server says no.
 * Amounts are in the cart's own currency (whatever the market), written the shopper's way. Every
 * sentence comes translated from the server (cart-text.ts), so the page ships no i18n code.
 */
export function CartView({ initial, flow, locale, text }: { initial: CartJson; flow: CheckoutFlow; locale: string; text: CartText }) {
  const money = (amount: number, currency: string) => formatMoneyFor(amount, currency, locale);
  const [cart, setCart] = useState(initial);
  const [error, setError] = useState<ReactNode>(null);

  async function setQuantity(item: Item, quantity: number) {
    const previous = cart;
    setError(null);
    const items = quantity === 0 ? cart.items.filter((i) => i.price !== item.price) : cart.items.map((i) => (i.price === item.price ? { ...i, quantity, line_total: i.unit_amount * quantity } : i));
    const total = items.reduce((s, i) => s + i.unit_amount * i.quantity, 0);
    setCart({ ...cart, items, total_price: total, item_count: items.reduce((n, i) => n + i.quantity, 0) });
    const { ok, json } = await postJson("/api/cart/update", { updates: { [item.price]: { quantity } } });
    if (!ok) {
      setCart(previous);
      setError(await lazyApiError(json, "updateFailed", locale, text.updateFailed));
      return;
    }
    const next = json as unknown as CartJson;
    // The API names products in the default language; keep the names this page was rendered with.
    const products = Object.fromEntries(Object.entries(next.products).map(([id, p]) => [id, { ...p, name: previous.products[id]?.name ?? p.name }]));
    setCart({ ...next, products });
    notifyCartChanged(next.item_count);
  }

  const unavailable = cart.items.filter((i) => !i.available).length;

  if (cart.items.length === 0) {
    return (
      <div className="notice">
        <p>{text.empty}</p>
        <NavLink href="/">{text.continueShopping}</NavLink>
      </div>
    );
  }

  return (
    <>
      {error && <p role="alert" className="alert">{error}</p>}
      <table>
        <caption className="visually-hidden">{text.caption}</caption>
        <thead>
          <tr><th scope="col">{text.item}</th><th scope="col">{text.unitPrice}</th><th scope="col">{text.quantity}</th><th scope="col">{text.subtotal}</th><th scope="col"><span className="visually-hidden">{text.actions}</span></th></tr>
        </thead>
        <tbody>
          {cart.items.map((item) => {
            const product = cart.products[String(item.product)];
            const label = `${product?.name ?? item.price}${item.variant.name ? ` (${item.variant.name})` : ""}`;
            const atCap = item.variant.max_per_order !== null && item.quantity >= item.variant.max_per_order;
            return (
              <tr key={item.price} data-testid="cart-line" data-available={item.available}>
                <td>
                  <div className="row">
                    {product?.images[0] && <img src={product.images[0]} alt="" width={56} height={56} />}
                    <span>
                      <NavLink href={product?.url ?? "/"}>{product?.name}</NavLink>
                      {item.variant.name && <span className="muted"> · {item.variant.name}</span>}
                      {!item.available && <strong data-testid="line-unavailable" style={{ display: "block", color: "var(--danger)" }}>{text.noLongerAvailable}</strong>}
                    </span>
                  </div>
                </td>
                <td>{money(item.unit_amount, item.currency)}</td>
                <td>
                  <div className="row">
                    <button type="button" className="secondary" aria-label={fill(text.decrease, { item: label })} disabled={item.quantity <= 1} onClick={() => setQuantity(item, item.quantity - 1)}>−</button>
                    <span aria-label={fill(text.quantityOf, { item: label })} data-testid="line-quantity">{item.quantity}</span>
                    <button type="button" className="secondary" aria-label={fill(text.increase, { item: label })} disabled={!item.available || atCap} title={atCap ? fill(text.atMost, { max: item.variant.max_per_order! }) : undefined} onClick={() => setQuantity(item, item.quantity + 1)}>+</button>
                  </div>
                </td>
                <td data-testid="line-subtotal">{money(item.unit_amount * item.quantity, item.currency)}</td>
                <td><button type="button" className="secondary" aria-label={fill(text.remove, { item: label })} onClick={() => setQuantity(item, 0)}>{text.removeButton}</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="price">{text.total} <span data-testid="cart-total">{money(cart.total_price, cart.currency)}</span></p>
      {unavailable > 0 && <p className="notice" role="status">{countLabel(text.removeUnavailable, locale, unavailable)}</p>}
      <div className="row">
        <CheckoutButton flow={flow} disabled={unavailable > 0} locale={locale} text={text.checkout} />
      </div>
    </>
  );
}
