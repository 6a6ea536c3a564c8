import type { ShippingAddress as Address } from "@/lib/orders/types";

/** The address Stripe collected for the order, one line per part, when there is one. */
export function ShippingAddress({ name, address }: { name: string | null; address: Address | null }) {
  if (!address) return <p className="muted">No shipping address on this order.</p>;
  const cityLine = [address.postal_code, address.city, address.state].filter(Boolean).join(" ");
  return (
    <address data-testid="shipping-address">
      {name && <>{name}<br /></>}
      {address.line1}<br />
      {address.line2 && <>{address.line2}<br /></>}
      {cityLine && <>{cityLine}<br /></>}
      {address.country}
    </address>
  );
}
