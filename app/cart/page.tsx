import type { Metadata } from "next";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadCart } from "@/lib/cart/queries";
import { cartJson } from "@/lib/cart/view";
import { CartView } from "@/components/cart/CartView";
import { currentOwner } from "@/app/_server/request-owner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const cart = cartJson(await loadCart(db(), await currentOwner()));
  return (
    <>
      <h1>Your cart</h1>
      <CartView initial={cart} flow={getEnv().CHECKOUT_FLOW} />
    </>
  );
}
