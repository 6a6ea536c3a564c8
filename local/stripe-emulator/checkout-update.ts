import type Stripe from "stripe";
import {
  adjustableFrom,
  buildLineItem,
  checkLineSet,
  checkQuantity,
  MAX_LINE_ITEMS,
  newLineFromParams,
  recomputeTotals,
  shippingOptionsFrom,
} from "./checkout-line-items";
import { getSessionRecord } from "./checkout-sessions";
import type { Emulator } from "./emulator";
import { invalidRequest, paramError } from "./errors";
import { applyMetadata, type Params } from "./params";
import type { SessionRecord } from "./state";
import { shippingDetailsFrom } from "./addresses";

/** Only these UI modes allow server-side line item updates (dynamic updates). */
const LINE_ITEM_UPDATE_UI_MODES: readonly string[] = ["elements", "form"];
const COLLECTED_INFORMATION_UI_MODES: readonly string[] = ["embedded_page", "elements"];

/** An entry with `id` keeps that line (new quantity / adjustable_quantity / metadata optional). */
function keptLine(emu: Emulator, existing: Stripe.LineItem, item: Params): Stripe.LineItem {
  if (item.has("price") || item.has("price_data"))
    throw paramError(
      "You cannot change the price of an existing line item. Remove it by omitting its id and add a new line item instead.",
      item.path("price"),
    );
  if (!existing.price) throw invalidRequest(`Line item ${existing.id} has no price.`, item.path("id"));
  const adjustable = item.has("adjustable_quantity")
    ? (adjustableFrom(item.obj("adjustable_quantity")) ?? existing.adjustable_quantity)
    : existing.adjustable_quantity;
  const quantity = item.int("quantity", { min: 0, max: 999999 }) ?? existing.quantity ?? 1;
  checkQuantity(quantity, adjustable, item.path("quantity"));
  const metadata = item.has("metadata")
    ? applyMetadata(existing.metadata, item.metadata(), item.path("metadata"))
    : (existing.metadata ?? {});
  return buildLineItem(emu, existing.price, quantity, adjustable, metadata, existing.id);
}

/**
 * The retransmitted array is the new list, in its order: entries with `id` keep (and may change)
 * that line, entries with `price`/`price_data` add one, and omitted ids are removed.
 */
function nextLines(emu: Emulator, record: SessionRecord, items: Params[]): Stripe.LineItem[] {
  const session = record.session;
  if (!LINE_ITEM_UPDATE_UI_MODES.includes(session.ui_mode ?? "hosted_page")) {
    throw invalidRequest(
      `Line items can only be updated on Checkout Sessions with \`ui_mode\` set to \`elements\` or \`form\`. This session's \`ui_mode\` is \`${session.ui_mode}\`.`,
      "line_items",
    );
  }
  if (items.length > MAX_LINE_ITEMS) throw paramError(`You may only specify up to ${MAX_LINE_ITEMS} line items.`, "line_items");
  const current = new Map(record.lineItems.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const lines = items.map((item) => {
    const id = item.optStr("id");
    if (!id) return newLineFromParams(emu, item);
    const existing = current.get(id);
    if (!existing) throw invalidRequest(`No such line item: '${id}'`, item.path("id"), "resource_missing");
    if (seen.has(id)) throw paramError(`Line item '${id}' appears more than once.`, item.path("id"));
    seen.add(id);
    return keptLine(emu, existing, item);
  });
  const currency = checkLineSet(session.mode, lines);
  if (session.currency && currency !== session.currency)
    throw paramError(`All line items must use the Checkout Session's currency (${session.currency}).`, "line_items");
  return lines;
}

/** `POST /v1/checkout/sessions/:id`: validates everything first, then applies it at once. */
export function updateSession(emu: Emulator, id: string, p: Params): Stripe.Checkout.Session {
  const record = getSessionRecord(emu, id);
  const session = record.session;
  if (session.status !== "open") {
    throw invalidRequest(
      `This Checkout Session can no longer be updated because its status is \`${session.status}\`. Only open Checkout Sessions can be updated.`,
      undefined,
      "checkout_session_not_open",
    );
  }
  const items = p.list("line_items");
  const lines = items === undefined ? undefined : nextLines(emu, record, items);
  const metadata = p.has("metadata") ? applyMetadata(session.metadata, p.metadata()) : undefined;
  const shipping = p.has("shipping_options")
    ? shippingOptionsFrom(emu, p.list("shipping_options") ?? [], session.currency ?? "usd")
    : undefined;
  const collected = p.obj("collected_information");
  const shippingDetails = collected?.obj("shipping_details");
  let collectedInformation: Stripe.Checkout.Session.CollectedInformation | undefined;
  if (shippingDetails) {
    // "Can only be set when updating `embedded_page` or `elements` sessions" (stripe-node
    // Checkout.SessionUpdateParams.collected_information; seed 003): not hosted_page, not form.
    if (!COLLECTED_INFORMATION_UI_MODES.includes(session.ui_mode ?? "hosted_page"))
      throw invalidRequest("`collected_information` can only be set when updating `embedded_page` or `elements` Checkout Sessions.", "collected_information");
    collectedInformation = { business_name: null, individual_name: null, shipping_details: shippingDetailsFrom(shippingDetails) };
  }

  if (lines) record.lineItems = lines;
  if (metadata) session.metadata = metadata;
  if (shipping) session.shipping_options = shipping;
  if (collectedInformation) session.collected_information = collectedInformation;
  recomputeTotals(record);
  return session;
}
