import { createHmac } from "node:crypto";

/** `Stripe-Signature` header value, the same scheme as `stripe.webhooks.generateTestHeaderString`. */
export function signatureHeader(payload: string, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSeconds}.${payload}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}
