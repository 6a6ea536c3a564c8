import { majorAmountText } from "./amount";
import type { OrderExportRow } from "./orders-list";

export const CSV_HEADER = [
  "order_id", "created_at", "paid_at", "email", "status", "needs_review", "review_reason", "fulfillment_status",
  "currency", "amount_total", "amount_refunded", "amount_shipping", "items", "carrier", "tracking_number", "stripe_payment_intent",
] as const;

/**
 * RFC 4180 quoting, and cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe (OWASP "CSV Injection"): emails and review reasons come from outside.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One order as a CSV line; amounts in major units ("12.50") next to their currency code. */
export function csvLine(o: OrderExportRow): string {
  const currency = o.currency.toUpperCase();
  return [
    o.id, o.created_at.toISOString(), o.paid_at?.toISOString() ?? null, o.email, o.status, o.needs_review, o.review_reason,
    o.fulfillment_status, currency, majorAmountText(o.amount_total, o.currency), majorAmountText(o.amount_refunded, o.currency),
    majorAmountText(o.amount_shipping, o.currency), o.items, o.carrier, o.tracking_number, o.stripe_payment_intent_id,
  ].map(csvCell).join(",") + "\r\n";
}

/**
 * A byte stream of the CSV that pulls one cursor batch per chunk the client reads: memory stays at
 * one batch whatever the number of orders, and a client that stops reading stops the query.
 */
export function csvStream(batches: AsyncIterable<OrderExportRow[]>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("\uFEFF" + CSV_HEADER.join(",") + "\r\n"));
        return;
      }
      try {
        const { value, done } = await iterator.next();
        if (done) return controller.close();
        controller.enqueue(encoder.encode(value.map(csvLine).join("")));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  }, { highWaterMark: 1 });
}
