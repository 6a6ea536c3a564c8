import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** Stripe-looking ids: `pi_3Q…`, `cs_test_a1…`. */
export function newId(prefix: string): string {
  if (prefix === "cs") return `cs_test_a1${randomString(56)}`;
  return `${prefix}_${randomString(24)}`;
}

export function clientSecret(id: string): string {
  return `${id}_secret_${randomString(25)}`;
}

export function requestId(): string {
  return `req_${randomString(14)}`;
}
