import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { merchantFromRequest, type Merchant } from "@/lib/admin/merchant";

/** The merchant viewing a back-office page; everyone else gets the shop's 404 page. */
export async function requireMerchant(): Promise<Merchant> {
  const h = await headers();
  const forwarded = new Headers();
  for (const name of ["cookie", "authorization"]) {
    const value = h.get(name);
    if (value) forwarded.set(name, value);
  }
  const merchant = await merchantFromRequest(new Request("http://internal.invalid/", { headers: forwarded }));
  if (!merchant) notFound();
  return merchant;
}
