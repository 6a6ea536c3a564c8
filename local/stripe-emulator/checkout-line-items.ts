import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { missingParam, paramError, resourceMissing } from "./errors";
import { newId } from "./ids";
import { paginate } from "./list";
import { applyMetadata, Params } from "./params";
import { buildPrice, getPrice } from "./prices";
import type { SessionRecord } from "./state";

export const MAX_LINE_ITEMS = 100;
const MAX_QUANTITY = 999999;

export function productName(emu: Emulator, price: Stripe.Price): string | null {
  const productId = typeof price.product === "string" ? price.product : price.product.id;
  return emu.state.products.get(productId)?.name ?? null;
}

export function adjustableFrom(p: Params | undefined): Stripe.LineItem.AdjustableQuantity | null | undefined {
  if (!p) return undefined;
  const enabled = p.bool("enabled");
  if (enabled === undefined) throw missingParam(p.path("enabled"));
  if (!enabled) return { enabled: false, maximum: null, minimum: null };
  const minimum = p.int("minimum", { min: 0, max: MAX_QUANTITY }) ?? 0;
  const maximum = p.int("maximum", { min: 1, max: MAX_QUANTITY }) ?? 99;
  if (minimum > maximum) throw paramError(`The minimum must be less than or equal to the maximum.`, p.path("minimum"));
  return { enabled: true, maximum, minimum };
}

/** Checks a quantity against its line's adjustable bounds (Stripe allows 0 only inside them). */
export function checkQuantity(quantity: number, adjustable: Stripe.LineItem.AdjustableQuantity | null, param: string): void {
  const min = adjustable?.enabled ? (adjustable.minimum ?? 0) : 1;
  const max = adjustable?.enabled ? (adjustable.maximum ?? 99) : MAX_QUANTITY;
  if (quantity < min) throw paramError(`This value must be greater than or equal to ${min}.`, param, "parameter_invalid_integer");
  if (quantity > max) throw paramError(`This value must be less than or equal to ${max}.`, param, "parameter_invalid_integer");
}

export function buildLineItem(
  emu: Emulator,
  price: Stripe.Price,
  quantity: number,
  adjustable: Stripe.LineItem.AdjustableQuantity | null,
  metadata: Record<string, string>,
  id = newId("li"),
): Stripe.LineItem {
  const amount = (price.unit_amount ?? 0) * quantity;
  return {
    id,
    object: "item",
    adjustable_quantity: adjustable,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: productName(emu, price),
    metadata,
    price: structuredClone(price),
    quantity,
  };
}

/** A new line from `price` or `price_data` (+ quantity); `p` is `line_items[i]`. */
export function newLineFromParams(emu: Emulator, p: Params): Stripe.LineItem {
  const priceId = p.optStr("price");
  const priceData = p.obj("price_data");
  if (priceId && priceData) throw paramError(`You may only specify one of these parameters: price, price_data.`, p.path("price"));
  if (!priceId && !priceData) throw missingParam(p.path("price"));
  const adjustable = adjustableFrom(p.obj("adjustable_quantity")) ?? null;
  const quantity = p.int("quantity", { min: 0, max: MAX_QUANTITY });
  if (quantity === undefined) throw missingParam(p.path("quantity"));
  checkQuantity(quantity, adjustable, p.path("quantity"));
  let price: Stripe.Price;
  if (priceId) {
    price = getPrice(emu, priceId, p.path("price"));
    if (!price.active) throw paramError(`The price specified is inactive. This field only accepts active prices.`, p.path("price"));
  } else {
    price = buildPrice(emu, priceData as Params, true);
  }
  return buildLineItem(emu, price, quantity, adjustable, applyMetadata({}, p.metadata(), p.path("metadata")));
}

/** Rules every set of session lines must satisfy, on create and after an update. */
export function checkLineSet(mode: Stripe.Checkout.Session.Mode, lines: Stripe.LineItem[], param = "line_items"): string {
  if (lines.length === 0) throw paramError(`You must provide at least one line item.`, param, "parameter_missing");
  if (lines.length > MAX_LINE_ITEMS) throw paramError(`You may only specify up to ${MAX_LINE_ITEMS} line items.`, param);
  const first = lines[0];
  const currency = first ? first.currency : "usd";
  lines.forEach((line, i) => {
    if (line.currency !== currency)
      throw paramError(
        `Checkout does not support multiple currencies. All line items must use the same currency (found ${currency} and ${line.currency}).`,
        `${param}[${i}]`,
      );
  });
  const recurring = lines.some((l) => l.price?.type === "recurring");
  if (mode === "payment" && recurring)
    throw paramError(
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
      param,
    );
  if (mode === "subscription" && !recurring)
    throw paramError("You must provide at least one recurring price in `subscription` mode when using prices.", param);
  return currency;
}

const DELIVERY_UNITS = ["business_day", "day", "hour", "month", "week"] as const;

/**
 * `shipping_rate_data[delivery_estimate][minimum|maximum]`: `unit` and `value` both required, the
 * value "Must be greater than 0" (stripe-node Checkout.SessionCreateParams.ShippingOption
 * .ShippingRateData.DeliveryEstimate.Minimum/Maximum).
 */
function deliveryEstimateFrom(p: Params | undefined): Stripe.ShippingRate.DeliveryEstimate | null {
  if (!p) return null;
  const bound = (name: "minimum" | "maximum") => {
    const b = p.obj(name);
    if (!b) return null;
    const unit = b.enumOf("unit", DELIVERY_UNITS);
    if (!unit) throw missingParam(b.path("unit"));
    return { unit, value: b.reqInt("value", { min: 1 }) };
  };
  return { minimum: bound("minimum"), maximum: bound("maximum") };
}

function shippingRateFrom(emu: Emulator, p: Params, currency: string): Stripe.ShippingRate {
  const existing = p.optStr("shipping_rate");
  if (existing) {
    const rate = emu.state.shippingRates.get(existing);
    if (!rate) throw resourceMissing("shipping_rate", existing, p.path("shipping_rate"));
    return rate;
  }
  const data = p.obj("shipping_rate_data");
  if (!data) throw missingParam(p.path("shipping_rate_data"));
  const type = data.enumOf("type", ["fixed_amount"] as const) ?? "fixed_amount";
  const fixed = data.obj("fixed_amount");
  if (!fixed) throw missingParam(data.path("fixed_amount"));
  const amount = fixed.reqInt("amount", { min: 0 });
  const rateCurrency = fixed.reqStr("currency").toLowerCase();
  if (rateCurrency !== currency)
    throw paramError(`The shipping rate currency (${rateCurrency}) must match the Checkout Session currency (${currency}).`, fixed.path("currency"));
  const rate: Stripe.ShippingRate = {
    id: newId("shr"),
    object: "shipping_rate",
    active: true,
    created: emu.now(),
    delivery_estimate: deliveryEstimateFrom(data.obj("delivery_estimate")),
    display_name: data.reqStr("display_name"),
    fixed_amount: { amount, currency: rateCurrency },
    livemode: false,
    metadata: applyMetadata({}, data.metadata(), data.path("metadata")),
    tax_behavior: data.enumOf("tax_behavior", ["exclusive", "inclusive", "unspecified"] as const) ?? "unspecified",
    tax_code: data.optStr("tax_code") ?? null,
    type,
  };
  emu.state.shippingRates.set(rate.id, rate);
  return rate;
}

export function shippingOptionsFrom(emu: Emulator, list: Params[], currency: string): Stripe.Checkout.Session.ShippingOption[] {
  if (list.length > 5) throw paramError(`You may only specify up to 5 shipping options.`, "shipping_options");
  return list.map((p) => {
    const rate = shippingRateFrom(emu, p, currency);
    return { shipping_amount: rate.fixed_amount?.amount ?? 0, shipping_rate: rate.id };
  });
}

/** Recomputes the session's amounts from its lines and its (first, i.e. selected) shipping option. */
export function recomputeTotals(record: SessionRecord): void {
  const s = record.session;
  const subtotal = record.lineItems.reduce((sum, l) => sum + l.amount_subtotal, 0);
  const selected = s.shipping_options[0];
  const shipping = selected?.shipping_amount ?? 0;
  s.amount_subtotal = subtotal;
  s.amount_total = subtotal + shipping;
  s.shipping_cost = selected
    ? { amount_subtotal: shipping, amount_tax: 0, amount_total: shipping, shipping_rate: selected.shipping_rate }
    : null;
  s.total_details = { amount_discount: 0, amount_shipping: shipping, amount_tax: 0 };
  s.currency = record.lineItems[0]?.currency ?? s.currency;
}

function getRecord(emu: Emulator, sessionId: string): SessionRecord {
  const record = emu.state.sessions.get(sessionId);
  if (!record) throw resourceMissing("checkout.session", sessionId, "session");
  return record;
}

/** What `expand[]=line_items` embeds: the first page of lines. */
export function lineItemList(emu: Emulator, sessionId: string): Stripe.ApiList<Stripe.LineItem> {
  return paginate(getRecord(emu, sessionId).lineItems, new Params({}), `/v1/checkout/sessions/${sessionId}/line_items`, "line_item");
}

export function listLineItems(emu: Emulator, sessionId: string, p: Params): Stripe.ApiList<Stripe.LineItem> {
  return paginate(getRecord(emu, sessionId).lineItems, p, `/v1/checkout/sessions/${sessionId}/line_items`, "line_item");
}
