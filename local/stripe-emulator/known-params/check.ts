import { paramError } from "../errors";
import type { ParamObject, ParamValue } from "../form";
import type { KnownParams, ParamTree } from "./generate";
import known from "./known-params.json";

const KNOWN = known as KnownParams;
const TREES = KNOWN.operations;

/** The values stripe-node's types list for a parameter (see ENUM_TYPES in generate.ts). */
export function knownValues(name: string): readonly string[] {
  const values = KNOWN.enums[name];
  if (!values) throw new Error(`no enum ${name} in known-params.json`);
  return values;
}

/**
 * Stripe refuses a parameter it does not know, at any depth, with 400 `parameter_unknown`
 * "Received unknown parameter: line_items[0][price_data][unit_amout]" (the API raises on
 * unrecognized parameters since https://docs.stripe.com/changelog/2011-06-21/exceptions-unrecognized-api-parameters;
 * code listed at https://docs.stripe.com/error-codes#parameter-unknown). Which names exist comes
 * from stripe-node's request types (known-params.json, see generate.ts). Stripe sometimes adds
 * "Did you mean …?" to the message; the emulator does not guess. Operations without a tree are not
 * checked (the app does not call them).
 */
export function checkKnownParams(operation: string, params: ParamObject): void {
  const tree = TREES[operation];
  if (tree) walk(params, tree, "");
}

function walk(value: ParamValue, tree: ParamTree, path: string): void {
  if (tree === true || tree === "*" || typeof value === "string") return;
  if ("$list" in tree) {
    const items = Array.isArray(value) ? value : Object.values(value);
    items.forEach((item, i) => walk(item, tree.$list as ParamTree, `${path}[${i}]`));
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [name, child] of entries) {
    const at = path ? `${path}[${name}]` : name;
    const sub = (tree as Record<string, ParamTree>)[name];
    if (sub === undefined) throw paramError(`Received unknown parameter: ${at}`, at, "parameter_unknown");
    walk(child, sub, at);
  }
}
