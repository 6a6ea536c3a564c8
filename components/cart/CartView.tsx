"use client";

import Link from "next/link";
import { useState } from "react";
import { formatMoney } from "@/lib/money";
import type { CartJson } from "@/lib/cart/view";
import { notifyCartChanged } from "./cart-events";
import { CheckoutButton, type CheckoutFlow } from "../checkout/CheckoutButton";

type Item = CartJson["items"][number];

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, json };
}

/** The cart with optimistic edits: the line changes at once and rolls back if the server says no. */
export function CartView({ initial, flow }: { initial: CartJson; flow: CheckoutFlow }) {
  const [cart, setCart] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function setQuantity(item: Item, quantity: number) {
    const previous = cart;
    setError(null);
    const items = quantity === 0 ? cart.items.filter((i) => i.price !== item.price) : cart.items.map((i) => (i.price === item.price ? { ...i, quantity, line_total: i.unit_amount * quantity } : i));
    const total = items.reduce((s, i) => s + i.unit_amount * i.quantity, 0);
    setCart({ ...cart, items, total_price: total, total_price_with_currency: formatMoney(total, cart.currency), item_count: items.reduce((n, i) => n + i.quantity, 0) });
    const { ok, json } = await postJson("/api/cart/update", { updates: { [item.price]: { quantity } } });
    if (!ok) {
      setCart(previous);
      setError(typeof json.message === "string" ? json.message : "Could not update the cart");
      return;
    }
    const next = json as unknown as CartJson;
    setCart(next);
    notifyCartChanged(next.item_count);
  }

  const unavailable = cart.items.filter((i) => !i.available).length;

  if (cart.items.length === 0) {
    return (
      <div className="notice">
        <p>Your cart is empty.</p>
        <Link href="/">Continue shopping</Link>
      </div>
    );
  }

  return (
    <>
      {error && <p role="alert" className="alert">{error}</p>}
      <table>
        <caption className="visually-hidden">Items in your cart</caption>
        <thead>
          <tr><th scope="col">Item</th><th scope="col">Unit price</th><th scope="col">Quantity</th><th scope="col">Subtotal</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
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
                      <Link href={product?.url ?? "/"}>{product?.name}</Link>
                      {item.variant.name && <span className="muted"> · {item.variant.name}</span>}
                      {!item.available && <strong data-testid="line-unavailable" style={{ display: "block", color: "var(--danger)" }}>No longer available: remove it to check out</strong>}
                    </span>
                  </div>
                </td>
                <td>{formatMoney(item.unit_amount, item.currency)}</td>
                <td>
                  <div className="row">
                    <button type="button" className="secondary" aria-label={`Decrease quantity of ${label}`} disabled={item.quantity <= 1} onClick={() => setQuantity(item, item.quantity - 1)}>−</button>
                    <span aria-label={`Quantity of ${label}`} data-testid="line-quantity">{item.quantity}</span>
                    <button type="button" className="secondary" aria-label={`Increase quantity of ${label}`} disabled={!item.available || atCap} title={atCap ? `At most ${item.variant.max_per_order} per order` : undefined} onClick={() => setQuantity(item, item.quantity + 1)}>+</button>
                  </div>
                </td>
                <td data-testid="line-subtotal">{formatMoney(item.unit_amount * item.quantity, item.currency)}</td>
                <td><button type="button" className="secondary" aria-label={`Remove ${label}`} onClick={() => setQuantity(item, 0)}>Remove</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="price">Total: <span data-testid="cart-total">{cart.total_price_with_currency}</span></p>
      {unavailable > 0 && <p className="notice" role="status">Remove the {unavailable === 1 ? "item" : "items"} no longer available to check out.</p>}
      <div className="row">
        <CheckoutButton flow={flow} disabled={unavailable > 0} />
      </div>
    </>
  );
}
