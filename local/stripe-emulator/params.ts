import { missingParam, paramError } from "./errors";
import type { ParamObject, ParamValue } from "./form";

/** What a `metadata` parameter asks for: Stripe merges keys, `""` unsets one, `metadata=""` unsets all. */
export type MetadataUpdate = { clearAll: boolean; set: Record<string, string>; unset: string[] };

const MAX_METADATA_KEYS = 50;

/** Typed, Stripe-error-raising access to one level of request parameters. */
export class Params {
  constructor(
    readonly raw: ParamObject,
    private readonly prefix = "",
  ) {}

  path(name: string): string {
    return this.prefix ? `${this.prefix}[${name}]` : name;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  value(name: string): ParamValue | undefined {
    return this.raw[name];
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw paramError(`Invalid string: ${describe(v)}`, this.path(name), "parameter_invalid_string");
    return v;
  }

  /** A string where `""` means "unset" (Stripe's `Emptyable`). */
  optStr(name: string): string | null | undefined {
    const v = this.str(name);
    return v === "" ? null : v;
  }

  reqStr(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === "") throw missingParam(this.path(name));
    return v;
  }

  int(name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v.trim())) throw paramError(`Invalid integer: ${v}`, this.path(name), "parameter_invalid_integer");
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw paramError(`Invalid integer: ${v}`, this.path(name), "parameter_invalid_integer");
    if (bounds.min !== undefined && n < bounds.min)
      throw paramError(`This value must be greater than or equal to ${bounds.min}.`, this.path(name), "parameter_invalid_integer");
    if (bounds.max !== undefined && n > bounds.max)
      throw paramError(`This value must be less than or equal to ${bounds.max}.`, this.path(name), "parameter_invalid_integer");
    return n;
  }

  reqInt(name: string, bounds: { min?: number; max?: number } = {}): number {
    const v = this.int(name, bounds);
    if (v === undefined) throw missingParam(this.path(name));
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v === "true") return true;
    if (v === "false") return false;
    throw paramError(`Invalid boolean: ${v}`, this.path(name), "parameter_invalid_boolean");
  }

  enumOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v))
      throw paramError(`Invalid ${name}: must be one of ${allowed.join(", ")}`, this.path(name), "parameter_invalid_string");
    return v as T;
  }

  obj(name: string): Params | undefined {
    const v = this.raw[name];
    if (v === undefined || v === "") return undefined;
    if (typeof v === "string") throw paramError(`Invalid object`, this.path(name), "parameter_invalid_object");
    return new Params(Array.isArray(v) ? arrayToObject(v) : v, this.path(name));
  }

  /** An array of hashes such as `line_items[0][price]`. */
  list(name: string): Params[] | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === "") return [];
    if (!Array.isArray(v)) throw paramError(`Invalid array`, this.path(name), "parameter_invalid_array");
    return v.map((item, i) => {
      const p = `${this.path(name)}[${i}]`;
      if (typeof item === "string" || Array.isArray(item)) throw paramError(`Invalid object`, p, "parameter_invalid_object");
      return new Params(item, p);
    });
  }

  strList(name: string): string[] | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === "") return [];
    if (typeof v === "string") return [v];
    const arr = Array.isArray(v) ? v : Object.values(v);
    return arr.map((item, i) => {
      if (typeof item !== "string") throw paramError(`Invalid string`, `${this.path(name)}[${i}]`, "parameter_invalid_string");
      return item;
    });
  }

  metadata(name = "metadata"): MetadataUpdate | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === "") return { clearAll: true, set: {}, unset: [] };
    if (typeof v === "string") throw paramError(`Invalid hash`, this.path(name), "parameter_invalid_object");
    const entries = Object.entries(Array.isArray(v) ? arrayToObject(v) : v);
    const update: MetadataUpdate = { clearAll: false, set: {}, unset: [] };
    for (const [k, val] of entries) {
      if (typeof val !== "string")
        throw paramError(`Invalid value for metadata key ${k}: must be a string`, `${this.path(name)}[${k}]`);
      if (k.length > 40) throw paramError(`Metadata keys must be at most 40 characters.`, `${this.path(name)}[${k}]`);
      if (val.length > 500) throw paramError(`Metadata values must be at most 500 characters.`, `${this.path(name)}[${k}]`);
      if (val === "") update.unset.push(k);
      else update.set[k] = val;
    }
    return update;
  }

  /** `expand[]` / `expand[0]` values. */
  expand(): string[] {
    return this.strList("expand") ?? [];
  }
}

function arrayToObject(v: ParamValue[]): ParamObject {
  const out: ParamObject = {};
  v.forEach((item, i) => (out[String(i)] = item));
  return out;
}

function describe(v: ParamValue): string {
  return Array.isArray(v) ? "array" : typeof v === "object" ? "hash" : v;
}

/** Applies a metadata update to existing metadata (new object). */
export function applyMetadata(current: Record<string, string> | null | undefined, update: MetadataUpdate | undefined, param = "metadata"): Record<string, string> {
  const next: Record<string, string> = update?.clearAll ? {} : { ...(current ?? {}) };
  if (!update) return next;
  for (const k of update.unset) delete next[k];
  Object.assign(next, update.set);
  if (Object.keys(next).length > MAX_METADATA_KEYS)
    throw paramError(`You can specify up to ${MAX_METADATA_KEYS} metadata keys.`, param);
  return next;
}
