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
 *   POST   /_emulator/faults {operation, count?=1, mode?="error"|"drop"|"drop_after"|"delay", delay_ms?,
 *                          error?: {status, type, code, message, param, decline_code}}
 *                                               the next `count` calls of `operation` (or "*"):
 *                                               "error": fail with that Stripe error (default 500 api_error);
 *                                               "drop": lose their connection before anything happens;
 *                                               "drop_after": are fully carried out and stored (idempotency record
 *                                               included), then lose their connection without an answer;
 *                                               "delay": are carried out and answered after delay_ms (required).
 *                                               For "error"/"drop" a call is one request plus the SDK's own retries
 *                                               of it (same Idempotency-Key), which replay the same failure; for
 *                                               "drop_after"/"delay" every attempt, retries included, uses one count
 *                                               (a retry replays the stored answer, dropped or delayed again).
 *                                               stripe-node retries a closed connection once even with
 *                                               maxNetworkRetries 0, so a caller sees the loss only when count
 *                                               >= max(maxNetworkRetries, 1) + 1.
 *   DELETE /_emulator/faults                    remove all faults
 *   GET    /_emulator/deliveries[?event_id=&type=]  every webhook attempt {event_id, type, url, attempt, status, ok,
 *                                               error, response_body, duplicate, at, duration_ms}
 *   POST   /_emulator/events/:id/resend         deliver that event again to every endpoint
 *   GET    /_emulator/webhooks                  {urls, enabledEvents, deliveryMode, paused, queued}
 *   POST   /_emulator/webhooks {urls?, enabledEvents?: ["*" | event type, …], deliveryMode?: "normal"|"reverse"|"twice", paused?}
 *                                               paused queues new events; unpausing delivers the queue
 *   POST   /_emulator/webhooks/flush            deliver everything queued now (even while paused)
 *   POST   /_emulator/webhooks/drain {timeout_ms?}  wait until no delivery is queued or in flight (retries
 *                                               waiting on their backoff timer do not count)
 *   POST   /_emulator/pay {id, payment_method, return_url?, shipping_details?, email?, shipping_rate?}
 *                                               what the pay page's Pay button does, answered as JSON.
 *                                               A session with shipping_address_collection needs an address:
 *                                               shipping_details {name, address {line1, line2?, city, postal_code,
 *                                               state?, country}} unless the server set collected_information;
 *                                               none, or a country outside allowed_countries → 400
 *                                               (code parameter_missing / shipping_address_invalid), nothing
 *                                               charged. shipping_rate (shr_…) picks one of its shipping_options
 *                                               (default the first). The completed session carries
 *                                               collected_information.shipping_details and customer_details
 *                                               {name, email, address}; shipping_details and email are ignored
 *                                               for a session that collects no address.
 *                                               payment_method: a test card (pm_card_visa, pm_card_chargeDeclined…)
 *                                               or a delayed bank debit, pm_delayed_succeeds | pm_delayed_fails:
 *                                               the PaymentIntent goes to `processing`, a Checkout Session
 *                                               completes with payment_status "unpaid"
 *   POST   /_emulator/settle {id} | {all: true}  settle processing bank debits now (id: cs_… or pi_…), answered
 *                                               {ok, settled: [{payment_intent, checkout_session, outcome:
 *                                               "succeeded"|"failed"}]}; an id with nothing processing → 400.
 *                                               Unsettled debits settle by themselves settleSeconds
 *                                               (STRIPE_EMULATOR_SETTLE_SECONDS, default 60) of emulator time
 *                                               after payment; clock/advance counts
 *   POST   /_emulator/disputes {payment_intent, reason?="fraudulent"}  the cardholder disputes the PaymentIntent's
 *                                               charge: a needs_response dispute, event charge.dispute.created;
 *                                               answered with the dispute
 *   POST   /_emulator/disputes/:id/close {status: "won"|"lost"}  event charge.dispute.closed; answered with the dispute
 *
 * Fault operation names: products.{create,list,retrieve,update}, prices.{create,list,retrieve,update},
 * customers.{create,list,retrieve,update}, payment_intents.{create,list,retrieve,update,confirm,cancel},
 * checkout.sessions.{create,list,retrieve,update,list_line_items,expire}, subscriptions.{list,retrieve},
 * payment_methods.retrieve, charges.retrieve, refunds.{create,list,retrieve}, disputes.retrieve,
 * shipping_rates.retrieve, events.{list,retrieve}, and "*".
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Emulator } from "./emulator";
import { closeDispute, DISPUTE_REASONS, openDispute } from "./disputes";
import { ApiError, errorJson } from "./errors";
import { readBody, sendJson } from "./http-util";
import { payerDetailsSchema } from "./addresses";
import { pay } from "./pay";
import { OPERATIONS } from "./routes";
import { pendingFor, settle, type SettledPayment } from "./settlement";

const advanceSchema = z.object({ seconds: z.number().int().min(0) });
const webhooksSchema = z.object({
  urls: z.array(z.url()).optional(),
  enabledEvents: z.array(z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/)).min(1).optional(),
  deliveryMode: z.enum(["normal", "reverse", "twice"]).optional(),
  paused: z.boolean().optional(),
});
const paySchema = z.object({
  id: z.string().min(1),
  payment_method: z.string().min(1),
  return_url: z.url().optional(),
  shipping_details: payerDetailsSchema.optional(),
  email: z.email().optional(),
  shipping_rate: z.string().startsWith("shr_").optional(),
});
const settleSchema = z.union([
  z.object({ id: z.string().regex(/^(cs|pi)_/, "id must be a Checkout Session (cs_…) or PaymentIntent (pi_…) id") }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
const disputeSchema = z.object({ payment_intent: z.string().min(1), reason: z.enum(DISPUTE_REASONS).default("fraudulent") });
const closeDisputeSchema = z.object({ status: z.enum(["won", "lost"]) });
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
  return { urls: w.urls, enabledEvents: w.enabledEvents, deliveryMode: w.mode, paused: w.paused, queued: w.queued() };
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
      if (cfg.enabledEvents) emu.webhooks.enabledEvents = cfg.enabledEvents;
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
  ["POST", /^\/_emulator\/settle$/, (emu, body) => settleNow(emu, body)],
  [
    "POST",
    /^\/_emulator\/disputes$/,
    (emu, body) => {
      const input = parse(disputeSchema, body);
      return stripeAction(emu, () => openDispute(emu, input.payment_intent, input.reason));
    },
  ],
  [
    "POST",
    /^\/_emulator\/disputes\/([^/]+)\/close$/,
    (emu, body, m) => {
      const input = parse(closeDisputeSchema, body);
      return stripeAction(emu, () => closeDispute(emu, m[1] ?? "", input.status));
    },
  ],
  [
    "POST",
    /^\/_emulator\/pay$/,
    (emu, body) => {
      const input = parse(paySchema, body);
      try {
        const payer = { shipping_details: input.shipping_details, email: input.email, shipping_rate: input.shipping_rate };
        const result = pay(emu, input.id, input.payment_method, input.return_url, { id: null, idempotencyKey: null }, payer);
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

/** Runs a Stripe-side action; a Stripe-shaped refusal is answered with its status and error body. */
function stripeAction(emu: Emulator, action: () => unknown): [number, unknown] {
  try {
    const value = action();
    emu.onChange();
    return [200, value];
  } catch (e) {
    emu.onChange();
    if (e instanceof ApiError) return [e.status, errorJson(e)];
    throw e;
  }
}

function settleNow(emu: Emulator, body: unknown): [number, unknown] {
  const input = parse(settleSchema, body);
  let settled: SettledPayment[];
  if ("all" in input) {
    settled = [...emu.state.settlements.values()].flatMap((pending) => settle(emu, pending) ?? []);
  } else {
    const pending = pendingFor(emu, input.id);
    const result = pending ? settle(emu, pending) : null;
    if (!result) throw new ControlError(400, `Nothing is processing for ${input.id}: only a payment made with a delayed bank debit (pm_delayed_*) and not yet settled can be settled.`);
    settled = [result];
  }
  emu.onChange();
  return [200, { ok: true, settled }];
}

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
