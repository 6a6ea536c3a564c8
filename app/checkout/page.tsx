import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { loadCart } from "@/lib/cart/queries";
import { cartJson } from "@/lib/cart/view";
import { shippingChoicesFor } from "@/lib/checkout/cart-shipping";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { PaymentIntentCheckout } from "@/components/checkout/PaymentIntentCheckout";
import { currentOwner } from "@/app/_server/request-owner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Checkout" };

/** Pay on our own page with a PaymentIntent (signed-in shoppers). */
export default async function CheckoutPage() {
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/checkout");
  const loaded = await loadCart(db(), owner);
  const cart = cartJson(loaded);
  const env = getEnv();
  const lines = (loaded?.lines ?? []).map((l) => ({ item_id: l.product_id, variant_id: l.variant_id, quantity: l.quantity }));
  const shipping = await shippingChoicesFor(lines.map((l) => l.item_id), cart.currency);
  return (
    <>
      <h1>Checkout</h1>
      <PaymentIntentCheckout
        cart={cart}
        lines={lines}
        supabase={publicSupabaseConfig()}
        localPayBase={env.stripeIsLocal ? (process.env.STRIPE_PUBLIC_URL ?? env.STRIPE_API_URL ?? null) : null}
        publishableKey={env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
        shipping={shipping}
      />
    </>
  );
}
