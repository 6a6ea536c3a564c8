import { idempotencyError, type ApiError } from "./errors";
import type { ParamObject } from "./form";

const TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotentResponse {
  status: number;
  body: string;
}

export interface IdempotencyEntry {
  method: string;
  path: string;
  paramsHash: string;
  createdAtMs: number;
  response: IdempotentResponse | null;
}

export type IdempotencyLookup =
  | { kind: "new"; begin(): void; finish(response: IdempotentResponse | null): void }
  | { kind: "replay"; response: IdempotentResponse }
  | { kind: "error"; error: ApiError };

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stripe's idempotency layer: keyed by API key + `Idempotency-Key`, the first stored response is
 * replayed for 24 hours; other parameters or another endpoint with the same key are refused.
 */
export class IdempotencyStore {
  private entries = new Map<string, IdempotencyEntry>();

  constructor(private readonly nowMs: () => number) {}

  lookup(apiKey: string, key: string, method: string, path: string, params: ParamObject): IdempotencyLookup {
    this.prune();
    const id = `${apiKey}\u0000${key}`;
    const paramsHash = canonical(params);
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.method !== method || existing.path !== path) {
        return {
          kind: "error",
          error: idempotencyError(
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${method} ${path}' vs '${existing.method} ${existing.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (existing.paramsHash !== paramsHash) {
        return {
          kind: "error",
          error: idempotencyError(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (existing.response === null) {
        return {
          kind: "error",
          error: idempotencyError(
            `There is currently another in-progress request using this Stripe-Idempotency-Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
            409,
          ),
        };
      }
      return { kind: "replay", response: existing.response };
    }
    return {
      kind: "new",
      begin: () => {
        this.entries.set(id, { method, path, paramsHash, createdAtMs: this.nowMs(), response: null });
      },
      finish: (response) => {
        const entry = this.entries.get(id);
        if (!entry) return;
        // A null response means "not stored" (validation failure): the key may be used again.
        if (response === null) this.entries.delete(id);
        else entry.response = response;
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const cutoff = this.nowMs() - TTL_MS;
    for (const [id, entry] of this.entries) {
      if (entry.createdAtMs < cutoff) this.entries.delete(id);
    }
  }

  toJSON(): [string, IdempotencyEntry][] {
    return [...this.entries].filter(([, e]) => e.response !== null);
  }

  load(entries: [string, IdempotencyEntry][]): void {
    this.entries = new Map(entries);
    this.prune();
  }
}
