import { headers } from "next/headers";
import { appOrigin } from "@/lib/http/origin";

/** The shop's public origin for the page being rendered. */
export async function currentOrigin(): Promise<string> {
  const h = await headers();
  return appOrigin(new Request(`http://${h.get("host") ?? "localhost"}/`, { headers: h }));
}
