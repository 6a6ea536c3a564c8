import { paramError } from "./errors";
import type { Emulator } from "./emulator";
import { lineItemList } from "./checkout-line-items";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Finds any stored object by id, for expansion. */
export function lookupAny(emu: Emulator, id: string): object | undefined {
  const s = emu.state;
  return (
    s.products.get(id) ??
    s.prices.get(id) ??
    s.customers.get(id) ??
    s.paymentIntents.get(id) ??
    s.charges.get(id) ??
    s.refunds.get(id) ??
    s.disputes.get(id) ??
    s.paymentMethods.get(id) ??
    s.sessions.get(id)?.session ??
    s.subscriptions.get(id) ??
    s.shippingRates.get(id)
  );
}

function expandPath(emu: Emulator, target: Obj, segments: string[], full: string, param: string): void {
  const [field, ...rest] = segments;
  if (field === undefined) return;
  if (field === "data" && Array.isArray(target.data)) {
    for (const item of target.data) if (isObj(item)) expandPath(emu, item, rest, full, param);
    return;
  }
  let value = target[field];
  if (field === "line_items" && target.object === "checkout.session" && typeof target.id === "string") {
    value = structuredClone(lineItemList(emu, target.id));
    target[field] = value;
  } else if (typeof value === "string") {
    const found = lookupAny(emu, value);
    if (!found) throw paramError(`This property cannot be expanded (${full}).`, param);
    value = structuredClone(found);
    target[field] = value;
  } else if (value === null) {
    return;
  } else if (!isObj(value)) {
    throw paramError(`This property cannot be expanded (${full}).`, param);
  }
  if (rest.length > 0 && isObj(value)) expandPath(emu, value, rest, full, param);
}

/** Applies `expand[]` paths (`payment_intent`, `payment_intent.latest_charge`, `data.x` on lists) to a copy. */
export function expand<T>(emu: Emulator, value: T, paths: string[]): T {
  const copy = structuredClone(value);
  paths.forEach((path, i) => {
    const segments = path.split(".");
    if (segments.length > 4) throw paramError(`You cannot expand more than 4 levels of a property.`, `expand[${i}]`);
    if (isObj(copy)) expandPath(emu, copy, segments, path, `expand[${i}]`);
  });
  return copy;
}
