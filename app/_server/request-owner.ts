import { headers } from "next/headers";
import { cartOwnerFromRequest, type RequestOwner } from "@/lib/cart/owner";

/** The cart owner of the page being rendered (server components have headers, not a Request). */
export async function currentOwner(): Promise<RequestOwner> {
  const h = await headers();
  const forwarded = new Headers();
  const cookie = h.get("cookie");
  if (cookie) forwarded.set("cookie", cookie);
  return cartOwnerFromRequest(new Request("http://internal.invalid/", { headers: forwarded }));
}
