import crypto from "node:crypto";

export const CART_COOKIE = "cart";
export const CART_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;
const NUMBER = /^[0-9a-f]{32}$/;

/** 128 random bits as 32 hex characters: the only key to a guest cart, so it must be unguessable. */
export function newCartNumber(): string {
  return crypto.randomBytes(16).toString("hex");
}

export function validCartNumber(value: string | null | undefined): string | null {
  return value && NUMBER.test(value) ? value : null;
}
