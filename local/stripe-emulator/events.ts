import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { resourceMissing } from "./errors";
import { createdFilter, newestFirst, paginate } from "./list";
import type { Params } from "./params";

export function getEvent(emu: Emulator, id: string): Stripe.Event {
  const event = emu.state.events.get(id);
  if (!event) throw resourceMissing("event", id);
  return event;
}

/** `type` supports Stripe's `*` wildcard (`payment_intent.*`); `types[]` is an any-of filter. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes("*")) return (t) => t === pattern;
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (t) => re.test(t);
}

export function listEvents(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Event> {
  const type = p.optStr("type");
  const types = p.strList("types");
  const matchers = [...(type ? [type] : []), ...(types ?? [])].map(typeMatcher);
  const created = createdFilter(p);
  const items = newestFirst(emu.state.events).filter(
    (e) => (matchers.length === 0 || matchers.some((m) => m(e.type))) && created(e.created),
  );
  return paginate(items, p, "/v1/events", "event");
}
