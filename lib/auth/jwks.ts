import { z } from "zod";
import { logError } from "../http/log";

/** A public signing key of the project's JWKS (the members lib/auth/verify.ts relies on). */
export interface PublicJwk {
  kty: string;
  kid: string;
  alg: AsymmetricAlg;
  key_ops: string[];
  [member: string]: unknown;
}

export type AsymmetricAlg = "ES256" | "RS256";
/** What Supabase signs access tokens with when the project uses signing keys (auth-js getAlgorithm agrees). */
export const ASYMMETRIC_ALGS: ReadonlySet<string> = new Set<AsymmetricAlg>(["ES256", "RS256"]);

const jwksBody = z.object({ keys: z.array(z.unknown()).max(100) });
const jwkShape = z.looseObject({
  kty: z.enum(["EC", "RSA"]),
  kid: z.string().min(1).max(200),
  alg: z.enum(["ES256", "RS256"]).optional(),
  crv: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
});

/** A key's algorithm: its `alg`, else what its type implies (Supabase publishes P-256 as ES256, RSA as RS256). */
function toPublicJwk(raw: unknown): PublicJwk | null {
  const parsed = jwkShape.safeParse(raw);
  if (!parsed.success || "d" in parsed.data) return null; // never a private key
  const k = parsed.data;
  const alg = k.alg ?? (k.kty === "EC" && k.crv === "P-256" ? "ES256" : k.kty === "RSA" ? "RS256" : undefined);
  if (!alg || (alg === "ES256") !== (k.kty === "EC")) return null;
  if (k.kty === "EC" && k.crv !== "P-256") return null; // ES256 is P-256 only (RFC 7518 §3.4)
  return { ...k, alg, key_ops: ["verify"] };
}

export interface JwksCacheOptions {
  /** The project's `/auth/v1/.well-known/jwks.json`. */
  url: string;
  headers?: Record<string, string>;
  /** How long a fetched set is trusted: 10 minutes, as auth-js's JWKS_TTL and Supabase's edge cache. */
  ttlMs?: number;
  /** At most one fetch per this interval, whatever kids are asked for: an unknown kid costs nothing more. */
  minRefetchIntervalMs?: number;
  now?: () => number;
}

/**
 * The project's JWKS, cached with its misses. A known kid is answered from memory until the TTL;
 * an unknown kid (a forged token, or a key rotated in since the last fetch) triggers a refetch only
 * when none happened within `minRefetchIntervalMs`, so a stream of tokens with made-up kids makes
 * at most one request per interval. Concurrent callers share one fetch. When a fetch fails the
 * previous keys stay in use (a blip at Supabase does not sign everyone out).
 */
export class JwksCache {
  private keys = new Map<string, PublicJwk>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  private readonly ttlMs: number;
  private readonly minRefetchIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: JwksCacheOptions) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.minRefetchIntervalMs = opts.minRefetchIntervalMs ?? 30_000;
    this.now = opts.now ?? (() => Date.now());
  }

  async key(kid: string): Promise<PublicJwk | null> {
    const known = this.keys.get(kid);
    if (known && this.now() - this.fetchedAt < this.ttlMs) return known;
    if (this.inflight || this.now() - this.attemptedAt >= this.minRefetchIntervalMs) await this.refresh();
    return this.keys.get(kid) ?? null;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    this.attemptedAt = this.now();
    try {
      const res = await fetch(this.opts.url, { headers: this.opts.headers, signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
      const body = jwksBody.parse(await res.json());
      const keys = new Map<string, PublicJwk>();
      for (const raw of body.keys) {
        const key = toPublicJwk(raw);
        if (key) keys.set(key.kid, key);
      }
      this.keys = keys;
      this.fetchedAt = this.now();
    } catch (e) {
      logError("auth.jwks", e);
    }
  }
}

const caches = new Map<string, JwksCache>();

/** One cache per Supabase project URL and process. */
export function jwksFor(supabaseUrl: string, anonKey: string): JwksCache {
  const url = `${supabaseUrl.replace(/\/$/, "")}/auth/v1/.well-known/jwks.json`;
  let cache = caches.get(url);
  if (!cache) {
    cache = new JwksCache({ url, headers: { apikey: anonKey } });
    caches.set(url, cache);
  }
  return cache;
}

/** Tests: forget every cached set. */
export function resetJwksCaches(): void {
  caches.clear();
}
