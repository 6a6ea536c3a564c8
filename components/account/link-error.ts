import type { LinkError } from "@/lib/auth/auth-messages";

/** The Auth message key for /auth/confirm's `?error=` code (lib/auth/auth-messages.ts LINK_ERRORS), or null. */
export function linkErrorKey(value: string | string[] | undefined): "linkInvalid" | "linkUnavailable" | "linkExpired" | null {
  const v = (Array.isArray(value) ? value[0] : value) as LinkError | undefined;
  if (v === "link_invalid") return "linkInvalid";
  if (v === "unavailable") return "linkUnavailable";
  if (v === "link_expired") return "linkExpired";
  return null;
}
