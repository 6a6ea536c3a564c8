import type { IncomingMessage, ServerResponse } from "node:http";
import Stripe from "stripe";
import type { Emulator } from "./emulator";
import { ApiError, authError, errorJson, invalidRequest, unrecognizedUrl } from "./errors";
import { expand } from "./expand";
import { faultError, type Fault } from "./faults";
import { parseForm, type ParamObject } from "./form";
import { readBody, send } from "./http-util";
import { checkKnownParams } from "./known-params/check";
import type { IdempotencyLookup } from "./idempotency";
import { Params } from "./params";
import { matchRoute } from "./routes";

function apiKeyFrom(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(" ", 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === "bearer") return value.trim();
  if (scheme?.toLowerCase() === "basic") {
    const user = Buffer.from(value, "base64").toString("utf8").split(":")[0];
    return user ?? null;
  }
  return null;
}

function redact(key: string): string {
  return `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

function checkAuth(emu: Emulator, req: IncomingMessage): string {
  const key = apiKeyFrom(req);
  if (!key) {
    throw authError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key !== emu.config.secretKey) throw authError(`Invalid API Key provided: ${redact(key)}`);
  return key;
}

function readParams(req: IncomingMessage, url: URL, body: string): ParamObject {
  const query = parseForm(url.search.slice(1));
  if (req.method !== "POST" || body === "") return query;
  const type = (req.headers["content-type"] ?? "application/x-www-form-urlencoded").split(";")[0]?.trim();
  if (type !== "application/x-www-form-urlencoded") {
    throw invalidRequest(
      `Invalid request: unsupported Content-Type ${type}. If error persists and you need assistance, please contact support@stripe.com.`,
    );
  }
  return { ...query, ...parseForm(body) };
}

/**
 * Handles `/v1/…`: auth, parsing, idempotency, injected faults, the handler, expansion. A
 * `drop_after` or `delay` fault acts like the real request (result stored for idempotent replay)
 * and only loses or holds back the answer.
 */
export async function handleApi(emu: Emulator, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
  const method = req.method ?? "GET";
  const headers: Record<string, string> = {
    "Request-Id": requestId,
    "Stripe-Version": String(req.headers["stripe-version"] ?? Stripe.API_VERSION),
  };
  const idemKey = method === "POST" ? (req.headers["idempotency-key"] as string | undefined) ?? null : null;
  if (idemKey) headers["Idempotency-Key"] = idemKey;
  const reply = (status: number, value: unknown) => send(res, status, JSON.stringify(value, null, 2), "application/json", headers);

  let body: string;
  try {
    body = await readBody(req);
  } catch {
    reply(413, errorJson(invalidRequest("Request body too large.")));
    return;
  }
  let lookup: IdempotencyLookup | null = null;
  let apiKey: string;
  let params: ParamObject;
  let matched: ReturnType<typeof matchRoute>;
  try {
    apiKey = checkAuth(emu, req);
    params = readParams(req, url, body);
    matched = matchRoute(method, url.pathname);
    if (!matched) throw unrecognizedUrl(method, url.pathname);
  } catch (err) {
    const e = err instanceof ApiError ? err : invalidRequest(String(err));
    reply(e.status, errorJson(e));
    return;
  }
  const { route, id } = matched;
  const stickyKey = idemKey ? `${apiKey}\u0000${idemKey}` : null;
  if (stickyKey && emu.droppedKeys.has(stickyKey)) {
    req.socket.destroy();
    return;
  }
  if (idemKey) {
    lookup = emu.idempotency.lookup(apiKey, idemKey, method, url.pathname, params);
    if (lookup.kind === "replay") {
      const { response } = lookup;
      // A retry of a request whose answer was lost or slow meets the next such fault too (one use each).
      const retryFault = emu.faults.consume(route.operation, ["drop_after", "delay"]);
      answer(emu, req, res, retryFault, () =>
        send(res, response.status, response.body, "application/json", { ...headers, "Idempotent-Replayed": "true" }),
      );
      return;
    }
    if (lookup.kind === "error") {
      reply(lookup.error.status, errorJson(lookup.error));
      return;
    }
  }
  const fault = emu.faults.consume(route.operation);
  if (fault?.mode === "drop") {
    emu.log(`fault: dropping ${route.operation}`);
    if (stickyKey) emu.droppedKeys.add(stickyKey);
    req.socket.destroy();
    return;
  }
  if (lookup?.kind === "new") lookup.begin();

  let status = 200;
  let payload: unknown;
  let store = true;
  try {
    if (fault?.mode === "error") throw faultError(fault);
    checkKnownParams(route.operation, params);
    const p = new Params(params);
    const result = route.handler({ emu, params: p, id, request: { id: requestId, idempotencyKey: idemKey } });
    payload = expand(emu, result, p.expand());
  } catch (err) {
    if (err instanceof ApiError) {
      status = err.status;
      payload = errorJson(err);
      store = err.saveForIdempotency;
    } else {
      console.error("[stripe-emulator] internal error", err);
      status = 500;
      payload = errorJson(new ApiError(500, { type: "api_error", message: "An unknown error occurred in the Stripe emulator." }));
    }
  }
  const text = JSON.stringify(payload, null, 2);
  if (lookup?.kind === "new") lookup.finish(store ? { status, body: text } : null);
  if (method === "POST") emu.onChange();
  answer(emu, req, res, fault, () => send(res, status, text, "application/json", headers));
}

/**
 * Sends an answer the request has already earned, unless a `drop_after` fault loses it (the
 * connection is destroyed without a response) or a `delay` fault holds it back for `delay_ms`.
 */
function answer(emu: Emulator, req: IncomingMessage, res: ServerResponse, fault: Fault | null, sendIt: () => void): void {
  if (fault?.mode === "drop_after") {
    emu.log(`fault: dropping the answer to ${req.method} ${req.url}`);
    req.socket.destroy();
    return;
  }
  if (fault?.mode === "delay" && fault.delay_ms !== undefined) {
    emu.log(`fault: delaying the answer to ${req.method} ${req.url} by ${fault.delay_ms} ms`);
    const timer = setTimeout(() => {
      if (!res.destroyed && !res.writableEnded) sendIt();
    }, fault.delay_ms);
    timer.unref();
    return;
  }
  sendIt();
}
