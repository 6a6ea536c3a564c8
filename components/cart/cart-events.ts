/** Tells the header badge the cart changed: with the new item count, or undefined to re-read it. */
export function notifyCartChanged(itemCount?: number): void {
  window.dispatchEvent(new CustomEvent("cart:changed", { detail: itemCount }));
}

export function onCartChanged(handler: (itemCount: number | undefined) => void): () => void {
  const listener = (e: Event) => handler((e as CustomEvent<number | undefined>).detail);
  window.addEventListener("cart:changed", listener);
  return () => window.removeEventListener("cart:changed", listener);
}
