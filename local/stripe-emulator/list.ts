import type Stripe from "stripe";
import { resourceMissing } from "./errors";
import type { Params } from "./params";

/** Stripe list object over `items` (already in list order) with limit / starting_after / ending_before. */
export function paginate<T extends { id: string }>(items: T[], params: Params, url: string, kind: string): Stripe.ApiList<T> {
  const limit = params.int("limit", { min: 1, max: 100 }) ?? 10;
  const startingAfter = params.optStr("starting_after");
  const endingBefore = params.optStr("ending_before");
  if (startingAfter) {
    const i = items.findIndex((x) => x.id === startingAfter);
    if (i === -1) throw resourceMissing(kind, startingAfter, "starting_after");
    const rest = items.slice(i + 1);
    return { object: "list", data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const i = items.findIndex((x) => x.id === endingBefore);
    if (i === -1) throw resourceMissing(kind, endingBefore, "ending_before");
    const before = items.slice(0, i);
    return { object: "list", data: before.slice(Math.max(0, before.length - limit)), has_more: before.length > limit, url };
  }
  return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
}

/** Newest first, as Stripe lists most resources. */
export function newestFirst<T>(map: Map<string, T>): T[] {
  return [...map.values()].reverse();
}

/** `created` filter: an integer or `created[gt|gte|lt|lte]`. */
export function createdFilter(params: Params): (created: number) => boolean {
  if (!params.has("created")) return () => true;
  const exact = params.value("created");
  if (typeof exact === "string") {
    const n = params.int("created");
    return (c) => c === n;
  }
  const range = params.obj("created");
  const gt = range?.int("gt");
  const gte = range?.int("gte");
  const lt = range?.int("lt");
  const lte = range?.int("lte");
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte);
}
