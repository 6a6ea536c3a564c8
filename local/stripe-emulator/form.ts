import { invalidRequest } from "./errors";

/** A decoded Stripe request parameter: form bodies and query strings nest with bracket keys. */
export type ParamValue = string | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    throw invalidRequest(`Invalid percent-encoding in request: ${part.slice(0, 40)}`);
  }
}

/** `a[b][0][]` → ["a", "b", "0", ""] */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(open))) !== null) segments.push(m[1] ?? "");
  return segments;
}

type Node = Map<string, Node | string> | string;

function insert(root: Map<string, Node>, segments: string[], value: string, fullKey: string): void {
  let node: Map<string, Node> = root;
  for (let i = 0; i < segments.length; i++) {
    let seg = segments[i] ?? "";
    const last = i === segments.length - 1;
    // `[]` appends: give it the next free index so it sorts after earlier entries.
    if (seg === "") seg = String(node.size);
    if (last) {
      const existing = node.get(seg);
      if (existing instanceof Map) throw invalidRequest(`Invalid hash: ${fullKey}`, fullKey);
      node.set(seg, value);
      return;
    }
    const next = node.get(seg);
    if (typeof next === "string") {
      // `metadata=` followed by `metadata[k]=v`: the later nested form wins, like Stripe's parser.
      const fresh = new Map<string, Node>();
      node.set(seg, fresh);
      node = fresh;
    } else if (next instanceof Map) {
      node = next;
    } else {
      const fresh = new Map<string, Node>();
      node.set(seg, fresh);
      node = fresh;
    }
  }
}

function finish(node: Node): ParamValue {
  if (typeof node === "string") return node;
  const keys = [...node.keys()];
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => finish(node.get(k) as Node));
  }
  const out: ParamObject = {};
  for (const k of keys) out[k] = finish(node.get(k) as Node);
  return out;
}

/** Parses `application/x-www-form-urlencoded` (or a query string) the way Stripe reads it. */
export function parseForm(body: string): ParamObject {
  const root = new Map<string, Node>();
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    if (key === "") continue;
    insert(root, splitKey(key), decode(rawValue), key);
  }
  const result = finish(root);
  return Array.isArray(result) || typeof result === "string" ? {} : result;
}
