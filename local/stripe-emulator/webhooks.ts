import http from "node:http";
import https from "node:https";
import type Stripe from "stripe";
import { signatureHeader } from "./signature";

export type DeliveryMode = "normal" | "reverse" | "twice";

/** One HTTP attempt to deliver one event to one endpoint, as listed by `GET /_emulator/deliveries`. */
export interface DeliveryAttempt {
  event_id: string;
  type: string;
  url: string;
  attempt: number;
  /** HTTP status, or null when the connection failed or timed out. */
  status: number | null;
  ok: boolean;
  error: string | null;
  response_body: string;
  /** true for the extra copy sent in `twice` mode or by a resend. */
  duplicate: boolean;
  at: number;
  duration_ms: number;
}

export interface WebhookOptions {
  urls: string[];
  /**
   * The event types the endpoints subscribe to, as a webhook endpoint's `enabled_events`: `["*"]`
   * is every type (docs.stripe.com/api/webhook_endpoints/object#webhook_endpoint_object-enabled_events).
   */
  enabledEvents?: string[];
  secret: string;
  retryDelaysMs: number[];
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Job {
  generation: number;
  event: Stripe.Event;
  url: string;
  attempt: number;
  duplicate: boolean;
}

const MAX_ATTEMPTS_KEPT = 5000;

/**
 * Sends signed events to the configured endpoints. First attempts go out per endpoint in queue
 * order (reversed in `reverse` mode); failures are retried on their own timers with backoff.
 */
export class WebhookDispatcher {
  urls: string[];
  enabledEvents: string[];
  mode: DeliveryMode = "normal";
  paused = false;
  readonly attempts: DeliveryAttempt[] = [];
  private queue: Stripe.Event[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<http.ClientRequest>();
  private readonly chains = new Map<string, Promise<void>>();
  private inFlight = 0;
  private flushScheduled = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  /** Bumped by reset(): results of attempts started before it are dropped. */
  private generation = 0;
  private readonly pending = new Map<string, Set<string>>();

  constructor(
    private readonly opts: WebhookOptions,
    /** Called when an endpoint acknowledged an event, to keep `pending_webhooks` current. */
    private readonly onDelivered: (eventId: string, pendingUrls: number) => void,
  ) {
    this.urls = [...opts.urls];
    this.enabledEvents = [...(opts.enabledEvents ?? ["*"])];
  }

  /** Whether the endpoints subscribe to this event type (an event they do not is never sent). */
  receives(type: string): boolean {
    return this.enabledEvents.includes("*") || this.enabledEvents.includes(type);
  }

  enqueue(event: Stripe.Event): void {
    if (this.urls.length === 0 || !this.receives(event.type)) return;
    this.pending.set(event.id, new Set(this.urls));
    this.queue.push(event);
    if (!this.paused) this.scheduleFlush();
  }

  pendingCount(eventId: string): number {
    return this.pending.get(eventId)?.size ?? 0;
  }

  queued(): number {
    return this.queue.length;
  }

  /** Events emitted while handling one request go out together, after the response. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.paused) this.flush();
      else this.notifyIfIdle();
    });
  }

  flush(): void {
    const batch = this.queue.splice(0);
    if (this.mode === "reverse") batch.reverse();
    for (const event of batch) {
      for (const url of this.urls) {
        this.chain(url, { generation: this.generation, event, url, attempt: 1, duplicate: false });
        if (this.mode === "twice") this.chain(url, { generation: this.generation, event, url, attempt: 1, duplicate: true });
      }
    }
    this.notifyIfIdle();
  }

  resend(event: Stripe.Event): void {
    const urls = this.urls;
    if (urls.length === 0) return;
    const pending = this.pending.get(event.id) ?? new Set<string>();
    for (const url of urls) pending.add(url);
    this.pending.set(event.id, pending);
    for (const url of urls) this.chain(url, { generation: this.generation, event, url, attempt: 1, duplicate: true });
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.flush();
  }

  /** Resolves once nothing is queued (unless paused) or in flight; scheduled retries do not count. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.generation++;
    this.cancelAll();
    this.queue = [];
    this.pending.clear();
    this.attempts.length = 0;
    this.chains.clear();
  }

  close(): void {
    this.closed = true;
    this.cancelAll();
    this.notifyIfIdle(true);
  }

  private cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const r of this.requests) r.destroy();
    this.requests.clear();
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && (this.paused || this.queue.length === 0) && !this.flushScheduled;
  }

  private notifyIfIdle(force = false): void {
    if (!force && !this.isIdle()) return;
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }

  private chain(url: string, job: Job): void {
    this.inFlight++;
    const previous = this.chains.get(url) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(job)).finally(() => {
      this.inFlight--;
      this.notifyIfIdle();
    });
    this.chains.set(url, next);
  }

  private scheduleRetry(job: Job): void {
    const delay = this.opts.retryDelaysMs[job.attempt - 1];
    if (delay === undefined || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.inFlight++;
      void this.attempt({ ...job, attempt: job.attempt + 1 }).finally(() => {
        this.inFlight--;
        this.notifyIfIdle();
      });
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(job: Job): Promise<void> {
    if (this.closed || job.generation !== this.generation) return;
    const payload = JSON.stringify({ ...job.event, pending_webhooks: this.pendingCount(job.event.id) }, null, 2);
    const started = Date.now();
    const result = await this.post(job.url, payload);
    const record: DeliveryAttempt = {
      event_id: job.event.id,
      type: job.event.type,
      url: job.url,
      attempt: job.attempt,
      status: result.status,
      ok: result.status !== null && result.status >= 200 && result.status < 300,
      error: result.error,
      response_body: result.body.slice(0, 500),
      duplicate: job.duplicate,
      at: started,
      duration_ms: Date.now() - started,
    };
    if (this.closed || job.generation !== this.generation) return;
    this.attempts.push(record);
    if (this.attempts.length > MAX_ATTEMPTS_KEPT) this.attempts.splice(0, this.attempts.length - MAX_ATTEMPTS_KEPT);
    this.opts.log?.(
      `webhook ${job.event.type} ${job.event.id} → ${job.url} #${job.attempt}: ${result.status ?? result.error}`,
    );
    if (record.ok) {
      const pending = this.pending.get(job.event.id);
      pending?.delete(job.url);
      this.onDelivered(job.event.id, pending?.size ?? 0);
    } else {
      this.scheduleRetry(job);
    }
  }

  private post(url: string, payload: string): Promise<{ status: number | null; body: string; error: string | null }> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ status: null, body: "", error: "invalid URL" });
        return;
      }
      const client = target.protocol === "https:" ? https : http;
      const req = client.request(
        target,
        {
          method: "POST",
          agent: false,
          timeout: this.opts.timeoutMs ?? 10_000,
          headers: {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": Buffer.byteLength(payload),
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": signatureHeader(payload, this.opts.secret),
            Connection: "close",
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= 4096) chunks.push(c);
          });
          res.on("end", () => {
            this.requests.delete(req);
            resolve({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8"), error: null });
          });
          res.on("error", (err) => {
            this.requests.delete(req);
            resolve({ status: null, body: "", error: err.message });
          });
        },
      );
      this.requests.add(req);
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (err) => {
        this.requests.delete(req);
        resolve({ status: null, body: "", error: err.message });
      });
      req.end(payload);
    });
  }
}
