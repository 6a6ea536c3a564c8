import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { readBoundCart } from "@/lib/checkout/bound-cart";
import { reconcileCart } from "@/lib/checkout/reconcile";
import { stripe, localPayUrl } from "@/lib/stripe/client";
import { getEnv } from "@/lib/env";
import { EditableCheckout } from "@/components/checkout/EditableCheckout";
import { SHIPPING_OPTIONS } from "@/lib/checkout/shipping";
import { currentOwner } from "@/app/_server/request-owner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Checkout" };

/** Our own checkout page for an `elements` session: lines editable until the shopper pays. */
export default async function CheckoutSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^cs_[A-Za-z0-9_]{1,250}$/.test(id)) notFound();
  const owner = await currentOwner();
  let cart = await readBoundCart(db(), id, owner);
  if (!cart) notFound();
  if (cart.syncState === "reconciliation_required") {
    await reconcileCart(cart.cartId).catch(() => undefined);
    cart = (await readBoundCart(db(), id, owner)) ?? cart;
  }
  const session = await stripe().checkout.sessions.retrieve(id);
  const needsReconciliation = cart.syncState === "reconciliation_required";
  const payUrl = needsReconciliation || session.status !== "open" ? null : localPayUrl(id);
  return (
    <>
      <h1>Checkout</h1>
      <EditableCheckout
        sessionId={id}
        orderId={cart.orderId}
        status={session.status ?? "open"}
        amountTotal={session.amount_total ?? 0}
        currency={session.currency ?? cart.currency}
        lines={cart.lines.filter((l) => l.lineItemId).map((l) => ({ id: l.lineItemId!, name: l.variantName ? `${l.name} (${l.variantName})` : l.name, unitAmount: l.unitAmount, quantity: l.quantity }))}
        needsReconciliation={needsReconciliation}
        payUrl={payUrl}
        publishableKey={getEnv().stripeIsLocal ? null : getEnv().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
        clientSecret={needsReconciliation ? null : (session.client_secret ?? null)}
        shipping={cart.shippingOption ? { chosen: cart.shippingOption, options: SHIPPING_OPTIONS.map((o) => ({ id: o.id, name: o.name, amount: o.amount })) } : null}
      />
    </>
  );
}
