import type { IncomingMessage, ServerResponse } from "node:http";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { PAY_PAGE_CARDS } from "./cards";
import type { Emulator, RequestInfo } from "./emulator";
import { ApiError } from "./errors";
import { parseForm } from "./form";
import { readBody, redirect, sendHtml } from "./http-util";
import { pay } from "./pay";
import { renderMessagePage, renderPayPage, type PayPageView } from "./pay-page";

/**
 * A relative `return_url` (`/orders/1`) is resolved against the page that linked here (Referer),
 * else against APP_URL: the emulator is on another origin than the shop.
 */
function absoluteUrl(raw: string | undefined, referer: string | undefined, selfOrigin: string): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).toString();
  } catch {
    let base = process.env.APP_URL ?? LOCAL_DEFAULTS.APP_URL;
    if (referer) {
      try {
        const origin = new URL(referer).origin;
        if (origin !== selfOrigin) base = origin;
      } catch {
        // keep APP_URL
      }
    }
    try {
      return new URL(raw, base).toString();
    } catch {
      return null;
    }
  }
}

type Payable = { view: Omit<PayPageView, "error" | "selected" | "returnUrl"> } | { notPayable: string } | null;

function describePayable(emu: Emulator, id: string): Payable {
  if (id.startsWith("cs_")) {
    const record = emu.state.sessions.get(id);
    if (!record) return null;
    const s = record.session;
    if (s.status !== "open") return { notPayable: `This Checkout Session is ${s.status} and can no longer be paid.` };
    const selected = s.shipping_options[0];
    const rate = selected && typeof selected.shipping_rate === "string" ? emu.state.shippingRates.get(selected.shipping_rate) : undefined;
    return {
      view: {
        id,
        heading: s.mode === "subscription" ? "Subscribe" : "Checkout",
        currency: s.currency ?? "usd",
        lines: record.lineItems.map((l) => ({
          description: l.description ?? "Item",
          quantity: l.quantity ?? 1,
          unitAmount: l.price?.unit_amount ?? null,
        })),
        shipping: selected ? { name: rate?.display_name ?? "Shipping", amount: selected.shipping_amount } : null,
        total: s.amount_total ?? 0,
        cancelUrl: s.cancel_url,
      },
    };
  }
  if (id.startsWith("pi_")) {
    const pi = emu.state.paymentIntents.get(id);
    if (!pi) return null;
    if (pi.status === "succeeded" || pi.status === "canceled" || pi.status === "processing")
      return { notPayable: `This payment has a status of ${pi.status} and can no longer be paid.` };
    return {
      view: {
        id,
        heading: "Payment",
        currency: pi.currency,
        lines: [{ description: pi.description ?? "Payment", quantity: 1, unitAmount: null }],
        shipping: null,
        total: pi.amount,
        cancelUrl: null,
      },
    };
  }
  return null;
}

/** `GET /pay/:id` renders the page; `POST /pay/:id` pays and redirects (or re-renders on decline). */
export async function handlePay(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL, request: RequestInfo): Promise<void> {
  const id = decodeURIComponent(url.pathname.slice("/pay/".length));
  const payable = describePayable(emu, id);
  if (payable === null) {
    sendHtml(res, 404, renderMessagePage("Not found", `There is no payment or Checkout Session ${id}.`, true));
    return;
  }
  if ("notPayable" in payable) {
    if (req.method === "POST") await readBody(req);
    sendHtml(res, 400, renderMessagePage("Cannot pay", payable.notPayable, true));
    return;
  }
  const selfOrigin = new URL(emu.baseUrl).origin;
  if (req.method === "GET" || req.method === "HEAD") {
    const returnUrl = absoluteUrl(url.searchParams.get("return_url") ?? undefined, req.headers.referer, selfOrigin);
    const first = PAY_PAGE_CARDS[0]?.id ?? "pm_card_visa";
    sendHtml(res, 200, renderPayPage({ ...payable.view, error: null, selected: first, returnUrl }));
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405, { Allow: "GET, POST" }).end();
    return;
  }
  const form = parseForm(await readBody(req));
  const paymentMethod = typeof form.payment_method === "string" && form.payment_method ? form.payment_method : "";
  const rawReturn = typeof form.return_url === "string" ? form.return_url : (url.searchParams.get("return_url") ?? undefined);
  const returnUrl = absoluteUrl(rawReturn, undefined, selfOrigin) ?? undefined;
  const rerender = (status: number, message: string) =>
    sendHtml(res, status, renderPayPage({ ...payable.view, error: message, selected: paymentMethod, returnUrl: returnUrl ?? null }));
  if (!paymentMethod) {
    rerender(400, "Choose a test payment method.");
    return;
  }
  try {
    const result = pay(emu, id, paymentMethod, returnUrl, request);
    emu.onChange();
    if (result.redirectUrl) redirect(res, result.redirectUrl);
    else sendHtml(res, 200, renderMessagePage("Payment complete", "Thank you. Your payment was successful.", false));
  } catch (err) {
    emu.onChange();
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 402) rerender(402, err.body.message);
    else rerender(err.status, err.body.message);
  }
}
