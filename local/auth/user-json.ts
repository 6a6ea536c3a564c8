import crypto from "node:crypto";
import type { UserRow } from "./store";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/**
 * A user as GoTrue serializes models.User (internal/models/user.go): `omitempty` timestamps are
 * left out when null, `phone` is "" for email users. The local schema has no auth.identities, so
 * the one email identity is derived from the user.
 */
export function userJson(u: UserRow): Record<string, unknown> {
  const email = u.email ?? "";
  const createdAt = iso(u.created_at) ?? new Date(0).toISOString();
  const updatedAt = iso(u.updated_at) ?? createdAt;
  const identity = {
    identity_id: identityId(u.id),
    id: u.id,
    user_id: u.id,
    identity_data: { email, email_verified: u.email_confirmed_at !== null, phone_verified: false, sub: u.id },
    provider: "email",
    last_sign_in_at: iso(u.last_sign_in_at),
    created_at: createdAt,
    updated_at: updatedAt,
    email,
  };
  return {
    id: u.id,
    aud: u.aud ?? "authenticated",
    role: u.role ?? "authenticated",
    email,
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: "",
    confirmed_at: iso(u.email_confirmed_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: email ? [identity] : [],
    created_at: createdAt,
    updated_at: updatedAt,
    is_anonymous: false,
  };
}

/** A stable UUID for the derived email identity (name-based, so it never changes for a user). */
function identityId(userId: string): string {
  const h = crypto.createHash("sha256").update(`email-identity:${userId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
