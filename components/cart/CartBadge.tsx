import Link from "next/link";
import { db } from "@/lib/db";
import { loadCart } from "@/lib/cart/queries";
import { currentOwner } from "@/app/_server/request-owner";

export async function CartBadge() {
  let count = 0;
  try {
    const loaded = await loadCart(db(), await currentOwner());
    count = loaded?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0;
  } catch {
    // The header must render even when the cart cannot be read.
  }
  return (
    <Link href="/cart" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`} data-testid="cart-link">
      Cart <span className="badge" data-testid="cart-count">{count}</span>
    </Link>
  );
}
