import crypto from "node:crypto";
import type Stripe from "stripe";
import { db, transaction, type Tx } from "../db";
import { stripe } from "../stripe/client";
import { logError } from "../http/log";
import { recordOrderEvent } from "../orders/events";
import { InsufficientStockError } from "../orders/types";
import { StockShortageError } from "../orders/stock";
import { itemLabel, overMaxPerOrder } from "../catalog/purchase-rules";
import type { CartOwner } from "../cart/types";
import { quantitiesOf, readBoundCart, totalOf, writeBoundQuantities, writeBoundShipping, type BoundCart, type Quantities } from "./bound-cart";
import { servesCountry, stripeShippingOptions } from "./shipping";
import { orderRates } from "./session-shipping";
import { countryRefusal, type ShippingDetails } from "./shipping-details";
import { syncErrors } from "./sync-errors";
import { restoreSnapshot, takeSnapshot, type CartSnapshot } from "./snapshot";
import { readSessionState, sameAsStripe } from "./stripe-state";

export type CartChange =
  | { lineItemId: string; quantity: number }
  | { lineItemId: string; remove: true }
  | { shippingOption: string }
  /** Our elements page's address step: where to ship, and optionally the rate (seed 003 `collected_information.shipping_details`). */
  | { shippingDetails: ShippingDetails; shippingOption?: string };

export interface SyncResult {
  amountMinor: number;
  currency: string;
  cart: {
    version: number;
    lineItems: { id: string; price: string; name: string; amountMinor: number; quantity: number }[];
    shipping: { option: string; amountMinor: number } | null;
  };
}

/** One change, planned against one version: our write, Stripe's update, and the state after both. */
interface Plan {
  write: (tx: Tx, opts: { expectVersion: number; newVersion: number }) => Promise<boolean>;
  stripeUpdate: Stripe.Checkout.SessionUpdateParams;
  quantities: Quantities;
  shipping: { id: string; amount: number } | null;
  /** An address step: Stripe took the change only if it holds this address. */
  address?: ShippingDetails;
}

export interface SyncHooks {
  /** Tests: runs before the rollback write (throw to simulate that write failing). */
  beforeRollback?: () => Promise<void>;
}

const MAX_ATTEMPTS = 4;

/**
 * The only code that changes a cart bound to an open Checkout Session (seed 000):
 * read cart + version → build the next cart from server prices → compare-and-set write with held
 * stock → replace the session's line_items at Stripe → on failure write the previous cart back, or
 * mark the cart for reconciliation when even that fails. Conflicts re-read and retry; a stale
 * version never reaches Stripe.
 */
export async function syncCheckoutCart(owner: CartOwner, sessionId: string, change: CartChange, hooks: SyncHooks = {}): Promise<SyncResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readBoundCart(db(), sessionId, owner);
    if (!current) throw syncErrors.notFound();
    assertEditable(current);
    const plan = planChange(current, change);
    if (!plan) return result(current, quantitiesOf(current), currentShipping(current), current.version);

    const newVersion = current.version + 1;
    const before = await takeSnapshot(db(), current.cartId, current.orderId);
    if (before.version !== current.version) continue;
    let written: boolean;
    try {
      written = await transaction((tx) => plan.write(tx, { expectVersion: current.version, newVersion }));
    } catch (error) {
      if (error instanceof InsufficientStockError) {
        // The units free when the rows were locked, not as first read.
        const available = new Map(error instanceof StockShortageError ? error.shortages.map((x) => [x.variantId, x.available]) : []);
        const names = current.lines.filter((l) => error.variantIds.includes(l.variantId)).map((l) => `${l.name} (${available.get(l.variantId) ?? l.stock} more available)`);
        throw syncErrors.stock(names.join(", "));
      }
      throw error;
    }
    if (!written) continue; // someone else changed the cart: start again from fresh state

    try {
      await stripe().checkout.sessions.update(sessionId, plan.stripeUpdate, { idempotencyKey: `cart-sync-${current.cartId}-${newVersion}-${crypto.randomUUID()}` });
    } catch (error) {
      logError(`checkout session ${sessionId} update`, error);
      // A lost connection or a 5xx leaves Stripe's outcome unknown: look before undoing anything.
      const took = await didStripeApply(sessionId, current, plan);
      if (took === "unknown") {
        await markForReconciliation(current.cartId, current.orderId, before, error);
        throw syncErrors.reconciliation();
      }
      if (took === "no") {
        await rollBack(current, before, newVersion, hooks);
        throw syncErrors.updateFailed();
      }
    }
    await transaction((tx) => recordOrderEvent(tx, { orderId: current.orderId, type: "cart_updated", detail: { version: newVersion, change } }));
    return result(current, plan.quantities, plan.shipping, newVersion);
  }
  throw syncErrors.conflict();
}

/** Seed 000's buildNextCart, for line and shipping changes; null when the change changes nothing. */
function planChange(cart: BoundCart, change: CartChange): Plan | null {
  if ("shippingDetails" in change) return planAddress(cart, change.shippingDetails, change.shippingOption);
  if ("shippingOption" in change) {
    const rates = orderRates({ shipping_rates: cart.shippingRates });
    if (cart.shippingOption === null || rates.length === 0) throw syncErrors.noShipping();
    const option = rates.find((r) => r.id === change.shippingOption);
    if (!option) throw syncErrors.unknownRate();
    if (option.id === cart.shippingOption) return null;
    const shipping = { id: option.id, amount: option.amount };
    return {
      write: (tx, opts) => writeBoundShipping(tx, cart, shipping, opts),
      stripeUpdate: { shipping_options: stripeShippingOptions(rates, cart.currency, option.id) },
      quantities: quantitiesOf(cart),
      shipping,
    };
  }
  const next = buildNextCart(cart, change);
  if (sameQuantities(quantitiesOf(cart), next)) return null;
  return {
    write: (tx, opts) => writeBoundQuantities(tx, cart, next, opts),
    stripeUpdate: { line_items: stripeLineItems(cart, next) },
    quantities: next,
    shipping: currentShipping(cart),
  };
}

/**
 * Name and address (and the rate, which must ship there) from our page to the session: seed 003's
 * `collected_information.shipping_details` with the chosen rate first in `shipping_options`. The
 * version moves like any edit, so a payment can only follow the address Stripe holds.
 */
function planAddress(cart: BoundCart, details: ShippingDetails, rateId: string | undefined): Plan {
  const countries = cart.shippingCountries ?? [];
  if (countries.length === 0) throw syncErrors.noShipping();
  const country = details.address.country;
  if (!countries.includes(country)) throw syncErrors.country(countryRefusal(country, countries));
  const rates = orderRates({ shipping_rates: cart.shippingRates });
  let shipping: { id: string; amount: number } | null = null;
  if (rates.length > 0) {
    const rate = rates.find((r) => r.id === (rateId ?? cart.shippingOption));
    if (!rate) throw syncErrors.unknownRate();
    if (!servesCountry(rate, country)) throw syncErrors.rateNotForCountry(rate.name, country);
    shipping = { id: rate.id, amount: rate.amount };
  }
  const chosen = shipping;
  return {
    // Without rates (a subscription) only the version moves, so a payment follows the address Stripe holds.
    write: (tx, opts) => writeBoundShipping(tx, cart, chosen ?? { id: "", amount: 0 }, opts, chosen !== null),
    stripeUpdate: {
      collected_information: { shipping_details: details as Stripe.Checkout.SessionUpdateParams.CollectedInformation.ShippingDetails },
      ...(chosen ? { shipping_options: stripeShippingOptions(rates, cart.currency, chosen.id) } : {}),
    },
    quantities: quantitiesOf(cart),
    shipping: chosen,
    address: details,
  };
}

function currentShipping(cart: BoundCart): { id: string; amount: number } | null {
  return cart.shippingOption === null ? null : { id: cart.shippingOption, amount: cart.amountShipping };
}

async function didStripeApply(sessionId: string, cart: BoundCart, plan: Plan): Promise<"yes" | "no" | "unknown"> {
  try {
    const state = await readSessionState(sessionId);
    const lines = (q: Quantities) =>
      cart.lines.filter((l) => (q.get(l.priceId) ?? 0) > 0).map((l) => ({ lineItemId: l.lineItemId, quantity: q.get(l.priceId)! }));
    const addressTaken = !plan.address || (state.address?.name === plan.address.name && state.address.line1 === plan.address.address.line1 &&
      state.address.postal_code === plan.address.address.postal_code && state.address.country === plan.address.address.country);
    if (addressTaken && sameAsStripe(state, lines(plan.quantities), plan.shipping?.amount ?? 0)) return "yes";
    if (sameAsStripe(state, lines(quantitiesOf(cart)), cart.amountShipping)) return "no";
    return "unknown";
  } catch (error) {
    logError(`reading checkout session ${sessionId} after a failed update`, error);
    return "unknown";
  }
}

function assertEditable(cart: BoundCart): void {
  if (cart.syncState === "reconciliation_required") throw syncErrors.reconciliation();
  if (cart.orderStatus !== "pending" && cart.orderStatus !== "failed") {
    throw syncErrors.closed(cart.orderStatus === "paid" ? "completed" : "expired");
  }
  if (cart.expiresAt.getTime() <= Date.now()) throw syncErrors.closed("expired");
}

/** Seed 000's buildNextCart: only the changes the checkout page offers, quantities from the request, prices from us. */
function buildNextCart(cart: BoundCart, change: { lineItemId: string; quantity: number } | { lineItemId: string; remove: true }): Quantities {
  const line = cart.lines.find((l) => l.lineItemId === change.lineItemId);
  if (!line) throw syncErrors.unknownLine();
  const next = quantitiesOf(cart);
  if ("remove" in change) {
    if (cart.lines.length === 1) throw syncErrors.lastLine();
    next.delete(line.priceId);
  } else {
    if (change.quantity > line.quantity) assertCanBuyMore(cart, line, next, change.quantity);
    next.set(line.priceId, change.quantity);
  }
  return next;
}

/** Issue 11: more units only of an item still on sale, and within its variant's max_per_order. */
function assertCanBuyMore(cart: BoundCart, line: BoundCart["lines"][number], next: Quantities, quantity: number): void {
  const label = itemLabel(line.name, line.variantName);
  if (!line.sellable) throw syncErrors.unavailable(label);
  const lines = cart.lines.map((l) => ({
    variantId: l.variantId,
    quantity: l.priceId === line.priceId ? quantity : (next.get(l.priceId) ?? 0),
    maxPerOrder: l.maxPerOrder,
    label: itemLabel(l.name, l.variantName),
  }));
  const over = overMaxPerOrder(lines, new Set([line.variantId]));
  if (over) throw syncErrors.maxPerOrder(over.max, over.label);
}

function sameQuantities(a: Quantities, b: Quantities): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Seed 003: the whole array again; kept lines by id (with their quantity), removed lines omitted. */
function stripeLineItems(cart: BoundCart, next: Quantities): Stripe.Checkout.SessionUpdateParams.LineItem[] {
  return cart.lines
    .filter((l) => (next.get(l.priceId) ?? 0) > 0 && l.lineItemId)
    .map((l) => ({ id: l.lineItemId!, quantity: next.get(l.priceId)! }));
}

async function rollBack(previous: BoundCart, snapshot: CartSnapshot, failedVersion: number, hooks: SyncHooks): Promise<void> {
  try {
    await hooks.beforeRollback?.();
    const restored = await transaction(async (tx) => {
      const ok = await restoreSnapshot(tx, previous.cartId, previous.orderId, snapshot, failedVersion);
      if (ok) await recordOrderEvent(tx, { orderId: previous.orderId, type: "cart_update_rolled_back", detail: { version: snapshot.version } });
      return ok;
    });
    if (!restored) throw new Error("cart changed before rollback");
  } catch (error) {
    logError(`rollback of cart ${previous.cartId}`, error);
    await markForReconciliation(previous.cartId, previous.orderId, snapshot, error);
    throw syncErrors.reconciliation();
  }
}

/** Both sides may now disagree: keep the last state Stripe accepted so reconciliation can return to it. */
export async function markForReconciliation(cartId: string, orderId: string, snapshot: CartSnapshot, cause: unknown): Promise<void> {
  await transaction(async (tx) => {
    await tx`update carts set sync_state = 'reconciliation_required', sync_snapshot = ${tx.json(snapshot as never)} where id = ${cartId}`;
    await recordOrderEvent(tx, { orderId, type: "reconciliation_required", detail: { cause: cause instanceof Error ? cause.message : String(cause) } });
  });
}

function result(cart: BoundCart, q: Quantities, shipping: { id: string; amount: number } | null, version: number): SyncResult {
  return {
    amountMinor: totalOf(cart, q, shipping?.amount ?? 0),
    currency: cart.currency,
    cart: {
      version,
      shipping: shipping ? { option: shipping.id, amountMinor: shipping.amount } : null,
      lineItems: cart.lines
        .filter((l) => (q.get(l.priceId) ?? 0) > 0)
        .map((l) => ({ id: l.lineItemId ?? l.priceId, price: l.priceId, name: l.variantName ? `${l.name} (${l.variantName})` : l.name, amountMinor: l.unitAmount, quantity: q.get(l.priceId)! })),
    },
  };
}
