/**
 * Test control routes, JSON in and out, no auth:
 *
 *   GET    /_emulator/health                    {ok, now}
 *   POST   /_emulator/reset                     forget everything (objects, events, idempotency keys, faults,
 *                                               deliveries, queued webhooks, clock offset) and restore the
 *                                               startup webhook settings (urls, "normal", not paused)
 *   GET    /_emulator/clock                     {now, offset_seconds}
 *   POST   /_emulator/clock/advance {seconds}   move the emulator's "now" forward; sessions past expires_at expire
 *   GET    /_emulator/faults                    pending faults
 *   POST   /_emulator/faults {operation, count?=1, mode?="error"|"drop", error?: {status, type, code, message, param, decline_code}}
 *                                               the next `count` calls of `operation` (or "*") fail with that Stripe
 *                                               error (default 500 api_error) or, with "drop", lose their connection.
 *                                               A call is one request, plus the SDK's own retries of it (same
 *                                               Idempotency-Key): those replay the same failure.
 *   DELETE /_emulator/faults                    remove all faults
 *   GET    /_emulator/deliveries[?event_id=&type=]  every webhook attempt {event_id, type, url, attempt, status, ok,
 *                                               error, response_body, duplicate, at, duration_ms}
 *   POST   /_emulator/events/:id/resend         deliver that event again to every endpoint
 *   GET    /_emulator/webhooks                  {urls, deliveryMode, paused, queued}
 *   POST   /_emulator/webhooks {urls?, deliveryMode?: "normal"|"reverse"|"twice", paused?}
 *                                               paused queues new events; unpausing delivers the queue
 *   POST   /_emulator/webhooks/flush            deliver everything queued now (even while paused)
 *   POST   /_emulator/webhooks/drain {timeout_ms?}  wait until no delivery is queued or in flight (retries
 *                                               waiting on their backoff timer do not count)
 *   POST   /_emulator/pay {id, payment_method, return_url?}  what the pay page's Pay button does, answered as JSON
 *
 * Fault operation names: products.{create,list,retrieve,update}, prices.{create,list,retrieve,update},
 * customers.{create,list,retrieve,update}, payment_intents.{create,list,retrieve,update,confirm,cancel},
 * checkout.sessions.{create,list,retrieve,update,list_line_items,expire}, subscriptions.{list,retrieve},
 * payment_methods.retrieve, charges.retrieve, shipping_rates.retrieve, events.{list,retrieve}, and "*".
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Emulator } from "./emulator";
import { ApiError, errorJson } from "./errors";
import { readBody, sendJson } from "./http-util";
import { pay } from "./pay";
import { OPERATIONS } from "./routes";

const advanceSchema = z.object({ seconds: z.number().int().min(0) });
const webhooksSchema = z.object({
  urls: z.array(z.url()).optional(),
  deliveryMode: z.enum(["normal", "reverse", "twice"]).optional(),
  paused: z.boolean().optional(),
});
const paySchema = z.object({ id: z.string().min(1), payment_method: z.string().min(1), return_url: z.url().optional() });
const drainSchema = z.object({ timeout_ms: z.number().int().min(0).max(120_000).default(10_000) });

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error));
  return result.data;
}

function webhookConfig(emu: Emulator) {
  const w = emu.webhooks;
  return { urls: w.urls, deliveryMode: w.mode, paused: w.paused, queued: w.queued() };
}

type ControlHandler = (emu: Emulator, body: unknown, match: RegExpExecArray, url: URL) => Promise<[number, unknown]> | [number, unknown];

const CONTROL_ROUTES: [string, RegExp, ControlHandler][] = [
  ["GET", /^\/_emulator\/health$/, (emu) => [200, { ok: true, now: emu.now() }]],
  [
    "POST",
    /^\/_emulator\/reset$/,
    (emu) => {
      emu.reset();
      return [200, { ok: true }];
    },
  ],
  ["GET", /^\/_emulator\/clock$/, (emu) => [200, { now: emu.now(), offset_seconds: emu.state.clockOffsetSeconds }]],
  [
    "POST",
    /^\/_emulator\/clock\/advance$/,
    (emu, body) => {
      const { seconds } = parse(advanceSchema, body);
      emu.state.clockOffsetSeconds += seconds;
      emu.expireDue();
      emu.onChange();
      return [200, { now: emu.now(), offset_seconds: emu.state.clockOffsetSeconds }];
    },
  ],
  ["GET", /^\/_emulator\/faults$/, (emu) => [200, { data: emu.faults.list(), operations: OPERATIONS }]],
  [
    "POST",
    /^\/_emulator\/faults$/,
    (emu, body) => {
      const op = (body as { operation?: unknown } | null)?.operation;
      if (typeof op === "string" && op !== "*" && !OPERATIONS.includes(op))
        throw new ControlError(400, `Unknown operation ${op}. Known: ${OPERATIONS.join(", ")}`);
      try {
        return [200, { ok: true, fault: emu.faults.add(body) }];
      } catch (e) {
        if (e instanceof z.ZodError) throw new ControlError(400, z.prettifyError(e));
        throw e;
      }
    },
  ],
  [
    "DELETE",
    /^\/_emulator\/faults$/,
    (emu) => {
      emu.faults.clear();
      return [200, { ok: true }];
    },
  ],
  [
    "GET",
    /^\/_emulator\/deliveries$/,
    (emu, _body, _m, url) => {
      const eventId = url.searchParams.get("event_id");
      const type = url.searchParams.get("type");
      const data = emu.webhooks.attempts.filter((a) => (!eventId || a.event_id === eventId) && (!type || a.type === type));
      return [200, { data }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/events\/([^/]+)\/resend$/,
    (emu, _body, m) => {
      const event = emu.state.events.get(m[1] ?? "");
      if (!event) throw new ControlError(404, `No such event: '${m[1]}'`);
      emu.webhooks.resend(event);
      return [200, { ok: true }];
    },
  ],
  ["GET", /^\/_emulator\/webhooks$/, (emu) => [200, webhookConfig(emu)]],
  [
    "POST",
    /^\/_emulator\/webhooks$/,
    (emu, body) => {
      const cfg = parse(webhooksSchema, body ?? {});
      if (cfg.urls) emu.webhooks.urls = cfg.urls;
      if (cfg.deliveryMode) emu.webhooks.mode = cfg.deliveryMode;
      if (cfg.paused !== undefined) emu.webhooks.setPaused(cfg.paused);
      return [200, webhookConfig(emu)];
    },
  ],
  [
    "POST",
    /^\/_emulator\/webhooks\/flush$/,
    (emu) => {
      const queued = emu.webhooks.queued();
      emu.webhooks.flush();
      return [200, { ok: true, flushed: queued }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/webhooks\/drain$/,
    async (emu, body) => {
      const { timeout_ms } = parse(drainSchema, body ?? {});
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        emu.webhooks.idle().then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeout_ms))),
      ]);
      clearTimeout(timer);
      return [timedOut ? 408 : 200, { ok: !timedOut }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/pay$/,
    (emu, body) => {
      const input = parse(paySchema, body);
      try {
        const result = pay(emu, input.id, input.payment_method, input.return_url, { id: null, idempotencyKey: null });
        emu.onChange();
        return [200, { ok: true, status: result.object.status, redirect_url: result.redirectUrl, object: result.object }];
      } catch (e) {
        emu.onChange();
        if (e instanceof ApiError) return [e.status, errorJson(e)];
        throw e;
      }
    },
  ],
];

export async function handleControl(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const raw = await readBody(req);
  try {
    let body: unknown = undefined;
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new ControlError(400, "Body must be JSON.");
      }
    }
    for (const [method, pattern, handler] of CONTROL_ROUTES) {
      const m = pattern.exec(url.pathname);
      if (m && method === req.method) {
        const [status, value] = await handler(emu, body, m, url);
        sendJson(res, status, value);
        return;
      }
    }
    throw new ControlError(404, `Unknown control route ${req.method} ${url.pathname}`);
  } catch (e) {
    if (!(e instanceof ControlError)) throw e;
    sendJson(res, e.status, { error: { type: "invalid_request_error", message: e.message } });
  }
}
