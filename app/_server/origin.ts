import { headers } from "next/headers";
import { redirectOrigin } from "@/lib/http/origin";

/** The shop's public origin for the page being rendered (see redirectOrigin). */
export async function currentOrigin(): Promise<string> {
  return redirectOrigin(await headers());
}
