import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { handleApi } from "./api";
import { handleControl } from "./control";
import type { Emulator } from "./emulator";
import { errorJson, unrecognizedUrl } from "./errors";
import { sendJson } from "./http-util";
import { requestId } from "./ids";
import { handlePay } from "./pay-routes";

/** Routes `/v1/…` (Stripe API), `/pay/…` (hosted pay page) and `/_emulator/…` (test control). */
export function requestListener(emu: Emulator): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const id = requestId();
    const started = Date.now();
    res.on("finish", () => emu.log(`${req.method} ${req.url} → ${res.statusCode} (${Date.now() - started} ms) ${id}`));
    const url = new URL(req.url ?? "/", emu.baseUrl || "http://127.0.0.1");
    // Expiry is checked lazily on every request as well as on the timer.
    emu.expireDue();
    let work: Promise<void>;
    if (url.pathname.startsWith("/v1/")) work = handleApi(emu, req, res, url, id);
    else if (url.pathname.startsWith("/pay/")) work = handlePay(emu, req, res, url, { id, idempotencyKey: null });
    else if (url.pathname.startsWith("/_emulator/")) work = handleControl(emu, req, res, url);
    else {
      req.resume();
      sendJson(res, 404, errorJson(unrecognizedUrl(req.method ?? "GET", url.pathname)), { "Request-Id": id });
      return;
    }
    work.catch((err: unknown) => {
      console.error("[stripe-emulator] unhandled error", err);
      if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: "Stripe emulator internal error." } });
      else res.destroy();
    });
  };
}
