import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { PAY_PAGE_CARDS } from "./cards";
import type { Emulator, RequestInfo } from "./emulator";
import { ApiError } from "./errors";
import { parseForm } from "./form";
import { readBody, redirect, sendHtml } from "./http-util";
import { payerDetailsSchema, type PayerInput } from "./addresses";
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

function rateId(option: Stripe.Checkout.Session.ShippingOption): string {
  return typeof option.shipping_rate === "string" ? option.shipping_rate : option.shipping_rate.id;
}

/** The payer's address and shipping pick from the posted form (fields named as in /_emulator/pay). */
function payerFromForm(form: Record<string, unknown>, askAddress: boolean): { payer: PayerInput; values: Record<string, string> } | { error: string; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === "string") values[k] = v;
  const payer: PayerInput = { shipping_rate: values.shipping_rate || undefined };
  if (!askAddress) return { payer, values };
  const parsed = payerDetailsSchema.safeParse({
    name: values.name ?? "",
    address: { line1: values.line1 ?? "", line2: values.line2 || null, city: values.city ?? "", postal_code: values.postal_code ?? "", state: values.state || null, country: values.country ?? "" },
  });
  if (!parsed.success) return { error: `Please complete the shipping address: ${parsed.error.issues.map((i) => i.message).join("; ")}.`, values };
  return { payer: { ...payer, shipping_details: parsed.data, email: values.email || undefined }, values };
}

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
        askAddress:
          s.shipping_address_collection && !s.collected_information?.shipping_details
            ? { allowedCountries: [...s.shipping_address_collection.allowed_countries] }
            : null,
        shippingChoices: s.shipping_options.map((o) => ({ id: rateId(o), name: emu.state.shippingRates.get(rateId(o))?.display_name ?? "Shipping", amount: o.shipping_amount })),
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
        askAddress: null,
        shippingChoices: [],
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
  const fromForm = payerFromForm(form, payable.view.askAddress !== null);
  const rerender = (status: number, message: string) =>
    sendHtml(res, status, renderPayPage({ ...payable.view, error: message, selected: paymentMethod, returnUrl: returnUrl ?? null, values: fromForm.values }));
  if (!paymentMethod) {
    rerender(400, "Choose a test payment method.");
    return;
  }
  if ("error" in fromForm) {
    rerender(400, fromForm.error);
    return;
  }
  try {
    const result = pay(emu, id, paymentMethod, returnUrl, request, fromForm.payer);
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
