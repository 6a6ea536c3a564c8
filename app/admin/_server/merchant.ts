import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { merchantFromRequest, type Merchant } from "@/lib/admin/merchant";

/** The request's merchant, verified once per render (the layout and the page both ask). */
const currentMerchant = cache(async (): Promise<Merchant | null> => {
  const h = await headers();
  const forwarded = new Headers();
  for (const name of ["cookie", "authorization"]) {
    const value = h.get(name);
    if (value) forwarded.set(name, value);
  }
  return merchantFromRequest(new Request("http://internal.invalid/", { headers: forwarded }));
});

/** The merchant viewing a back-office page; everyone else gets the shop's 404 page. */
export async function requireMerchant(): Promise<Merchant> {
  const merchant = await currentMerchant();
  if (!merchant) notFound();
  return merchant;
}
