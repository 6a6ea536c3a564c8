import { db, transaction, type Tx } from "../db";
import { itemLabel, maxPerOrderMessage, overMaxPerOrder } from "../catalog/purchase-rules";
import { assertComposition, type ComposedLine } from "./composition";
import { CartError } from "./errors";
import { CART_MESSAGES } from "./messages";
import { newCartNumber } from "./identity";
import { findSellablePrices, loadCart, type PriceRow } from "./queries";
import { addInOneStatement, compareAndWrite, createGuestCartIfSellable, createWithLines, readForWrite, type WriteState } from "./write-queries";
import { MAX_LINES, MAX_LINE_QUANTITY } from "./view";
import type { CartOwner, CartRow, LoadedCart } from "./types";

export interface MutationResult {
  loaded: LoadedCart | null;
  /** Set when this call created the cart (the route sets the cookie). */
  createdNumber: string | null;
}

/** Locks the owner's active cart, creating it when absent. */
async function lockOrCreateCart(tx: Tx, owner: CartOwner): Promise<{ loaded: LoadedCart; created: boolean }> {
  const existing = await loadCart(tx, owner, { lock: true });
  if (existing) return { loaded: existing, created: false };
  const [cart] = await tx<CartRow[]>`
    insert into carts (number, user_id) values (${newCartNumber()}, ${owner.userId})
    on conflict do nothing returning *`;
  if (cart) return { loaded: { cart, lines: [] }, created: true };
  // A parallel request created the user's cart first.
  const raced = await loadCart(tx, owner, { lock: true });
  if (!raced) throw new Error("cart vanished after conflicting insert");
  return { loaded: raced, created: false };
}

/** Once a cart is bound to an open editable Checkout Session, only syncCheckoutCart may change it. */
async function isBound(tx: Tx, cart: CartRow): Promise<boolean> {
  if (!cart.checkout_session_id || cart.checkout_ui_mode !== "elements" || !cart.order_id) return false;
  const [open] = await tx`select 1 from orders where id = ${cart.order_id} and status in ('pending', 'failed') and expires_at > now()`;
  return !!open;
}

function assertNotBound(bound: boolean): void {
  if (bound) throw new CartError(409, CART_MESSAGES.inOpenCheckout);
}

function compose(quantities: Map<string, number>, prices: Map<string, PriceRow>): ComposedLine[] {
  return [...quantities.entries()].map(([priceId, quantity]) => {
    const p = prices.get(priceId);
    if (!p) throw new CartError(404, CART_MESSAGES.priceNotFound(priceId));
    return { priceId, quantity, currency: p.currency, recurring_interval: p.recurring_interval, recurring_interval_count: p.recurring_interval_count };
  });
}

/** Writes the cart's lines to exactly `quantities` (in insertion order) and bumps its version: one statement. */
async function writeLines(tx: Tx, cart: CartRow, quantities: Map<string, number>, metadata?: Record<string, string>) {
  const ids = [...quantities.keys()];
  const qtys = [...quantities.values()];
  const positions = ids.map((_, i) => i);
  await tx`
    with removed as (
      delete from cart_items where cart_id = ${cart.id} and not (price_id = any(${ids}::text[]))
    ), upserted as (
      insert into cart_items (cart_id, price_id, quantity, position)
      select ${cart.id}, t.price_id, t.quantity, t.position
      from unnest(${ids}::text[], ${qtys}::int[], ${positions}::int[]) as t(price_id, quantity, position)
      on conflict (cart_id, price_id) do update set quantity = excluded.quantity, position = excluded.position
    )
    update carts set version = version + 1, metadata = ${metadata ? tx.json(metadata) : tx`metadata`}
    where id = ${cart.id}`;
}

/** Reads the cart again by its own identity (a guest's first cart has no cookie yet). */
function reload(tx: Tx, cart: CartRow): Promise<LoadedCart | null> {
  return loadCart(tx, cart.user_id ? { userId: cart.user_id, cartNumber: null } : { userId: null, cartNumber: cart.number });
}

function currentQuantities(loaded: LoadedCart | null): Map<string, number> {
  return new Map((loaded?.lines ?? []).map((l) => [l.price_id, l.quantity]));
}

function pricesOfLines(loaded: LoadedCart | null): Map<string, PriceRow> {
  return new Map((loaded?.lines ?? []).map((l) => [l.price_id, {
    id: l.price_id, currency: l.currency, unit_amount: l.unit_amount,
    recurring_interval: l.recurring_interval, recurring_interval_count: l.recurring_interval_count,
    variant_id: l.variant_id, max_per_order: l.max_per_order, product_name: l.product_name, variant_name: l.variant_name,
  }]));
}

/**
 * variants.max_per_order, judged on the variants this edit increases (all lines of a variant count
 * together), so a cap lowered by the merchant later never blocks removing or reducing other lines.
 */
function assertMaxPerOrder(before: Map<string, number>, next: Map<string, number>, prices: Map<string, PriceRow>): void {
  const unitsByVariant = (q: Map<string, number>) => {
    const units = new Map<number, number>();
    for (const [id, n] of q) {
      const v = prices.get(id)?.variant_id;
      if (v !== undefined) units.set(v, (units.get(v) ?? 0) + n);
    }
    return units;
  };
  const was = unitsByVariant(before);
  const increased = new Set([...unitsByVariant(next)].filter(([v, n]) => n > (was.get(v) ?? 0)).map(([v]) => v));
  const lines = [...next].flatMap(([id, quantity]) => {
    const p = prices.get(id);
    return p ? [{ variantId: p.variant_id, quantity, maxPerOrder: p.max_per_order, label: itemLabel(p.product_name, p.variant_name) }] : [];
  });
  const over = overMaxPerOrder(lines, increased);
  if (over) throw new CartError(400, maxPerOrderMessage(over.max, over.label));
}

/** The cart's next lines (and metadata), judged on what the cart holds now; "nothing" leaves it alone. */
type Plan = (state: WriteState) => { next: Map<string, number>; metadata?: Record<string, string> } | "nothing";

/** Lost compare-and-sets a write starts over from before it takes the cart's lock instead (heavy contention). */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * A cart write in two round trips: read the cart and the prices (write-queries.ts readForWrite),
 * judge the edit here, then one statement writes it only if the cart's version has not moved and
 * returns the cart as written. Losing that compare-and-set changes nothing: read and judge again.
 * After OPTIMISTIC_ATTEMPTS losses, the same plan runs in a transaction holding the cart's row lock.
 */
async function writeCart(
  owner: CartOwner,
  priceIds: string[],
  plan: Plan,
  opts: { guestFirst?: Map<string, number>; firstState?: WriteState } = {},
): Promise<MutationResult> {
  if (opts.guestFirst && !owner.userId && !owner.cartNumber) {
    const created = await createGuestCart(opts.guestFirst, plan);
    if (created) return created;
  }
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const state = attempt === 0 && opts.firstState ? opts.firstState : await readForWrite(db(), owner, priceIds);
    const planned = plan(state);
    if (planned === "nothing") return { loaded: state.loaded, createdNumber: null };
    if (state.loaded) {
      const written = await compareAndWrite(db(), state.loaded.cart, planned.next, planned.metadata);
      if (written) return { loaded: written, createdNumber: null };
    } else {
      const number = newCartNumber();
      const written = await createWithLines(db(), owner, number, planned.next, planned.metadata);
      if (written) return { loaded: written, createdNumber: number };
    }
  }
  return writeCartLocked(owner, priceIds, plan);
}

/**
 * A guest without a cart cookie has no cart to read: one statement reads the prices and creates the
 * cart with `lines` (what the plan yields for no cart) when they pass the rules
 * (write-queries.ts createGuestCartIfSellable). The plan then judges the same state as
 * readForWrite would have given it: its error is the answer; null sends the caller the usual way.
 */
async function createGuestCart(lines: Map<string, number>, plan: Plan): Promise<MutationResult | null> {
  const number = newCartNumber();
  const { prices, written } = await createGuestCartIfSellable(db(), number, lines, { maxLines: MAX_LINES, maxLineQuantity: MAX_LINE_QUANTITY });
  let planned: ReturnType<Plan>;
  try {
    planned = plan({ loaded: null, prices, bound: false });
  } catch (error) {
    // The statement's rules are at least as strict as the plan's, so this never removes anything;
    // it keeps "refused means nothing written" true should the two ever disagree.
    if (written) await db()`delete from carts where id = ${written.cart.id}`;
    throw error;
  }
  if (!written) return null;
  const order = [...lines.keys()];
  const same = planned !== "nothing" && planned.metadata === undefined &&
    planned.next.size === lines.size && [...planned.next].every(([id, q], i) => order[i] === id && lines.get(id) === q);
  if (same) return { loaded: written, createdNumber: number };
  await db()`delete from carts where id = ${written.cart.id}`;
  return null;
}

async function writeCartLocked(owner: CartOwner, priceIds: string[], plan: Plan): Promise<MutationResult> {
  return transaction(async (tx) => {
    const prices = await findSellablePrices(tx, priceIds);
    const existing = await loadCart(tx, owner, { lock: true });
    const planned = plan({ loaded: existing, prices, bound: existing ? await isBound(tx, existing.cart) : false });
    if (planned === "nothing") return { loaded: existing, createdNumber: null };
    const { loaded, created } = existing ? { loaded: existing, created: false } : await lockOrCreateCart(tx, owner);
    await writeLines(tx, loaded.cart, planned.next, planned.metadata);
    return { loaded: await reload(tx, loaded.cart), createdNumber: created ? loaded.cart.number : null };
  });
}

/**
 * POST /api/cart/add: every price validated before anything is written. One round trip when the
 * add passes (write-queries.ts addInOneStatement, or createGuestCartIfSellable for a guest's first
 * cart); otherwise the same statement's read is judged here as readForWrite's would be.
 */
export async function addItems(owner: CartOwner, items: { price: string; quantity: number }[]): Promise<MutationResult> {
  // The units each price gains, in the order first given (a new cart's lines exactly).
  const first = new Map<string, number>();
  for (const i of items) first.set(i.price, (first.get(i.price) ?? 0) + i.quantity);
  let firstState: WriteState | undefined;
  if (owner.userId || owner.cartNumber) {
    const oneStatement = await addInOneStatement(db(), owner, first, { maxLines: MAX_LINES, maxLineQuantity: MAX_LINE_QUANTITY });
    if (oneStatement.written) return { loaded: oneStatement.written, createdNumber: null };
    firstState = oneStatement.state ?? undefined;
  }
  return writeCart(owner, [...new Set(items.map((i) => i.price))], ({ loaded, prices, bound }) => {
    const missing = items.find((i) => !prices.has(i.price));
    if (missing) throw new CartError(404, CART_MESSAGES.priceNotFound(missing.price));
    assertNotBound(bound);
    const next = currentQuantities(loaded);
    for (const i of items) next.set(i.price, (next.get(i.price) ?? 0) + i.quantity);
    const known = new Map([...pricesOfLines(loaded), ...prices]);
    assertComposition(compose(next, known));
    assertMaxPerOrder(currentQuantities(loaded), next, known);
    return { next };
  }, { guestFirst: first, firstState });
}

/** POST /api/cart/update: set quantities (0 removes, unknown prices are added), replace metadata. */
export async function updateItems(
  owner: CartOwner,
  input: { updates?: Record<string, { quantity: number }>; metadata?: Record<string, string> },
): Promise<MutationResult> {
  const updates = Object.entries(input.updates ?? {});
  const wanted = updates.filter(([, u]) => u.quantity > 0).map(([id]) => id);
  return writeCart(owner, wanted, ({ loaded, prices, bound }) => {
    const held = currentQuantities(loaded);
    // Fewer units of a line the merchant switched off are fine (the shopper is on the way to removing it).
    const missing = updates.find(([id, u]) => u.quantity > 0 && !prices.has(id) && !(u.quantity <= (held.get(id) ?? 0)));
    if (missing) throw new CartError(404, CART_MESSAGES.priceNotFound(missing[0]));
    assertNotBound(bound);
    const next = currentQuantities(loaded);
    for (const [id, u] of updates) {
      if (u.quantity === 0) next.delete(id);
      else next.set(id, u.quantity);
    }
    const known = new Map([...pricesOfLines(loaded), ...prices]);
    assertComposition(compose(next, known));
    assertMaxPerOrder(currentQuantities(loaded), next, known);
    return { next, metadata: input.metadata };
  });
}

/** POST /api/cart/clear: no lines left, same number. */
export async function clearCart(owner: CartOwner): Promise<MutationResult> {
  return writeCart(owner, [], ({ loaded, bound }) => {
    if (!loaded) return "nothing";
    assertNotBound(bound);
    return { next: new Map() };
  });
}
