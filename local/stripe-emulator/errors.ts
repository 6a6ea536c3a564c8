import type Stripe from "stripe";

export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "authentication_error"
  | "rate_limit_error";

/** The `error` member of a Stripe error response. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  payment_intent?: Stripe.PaymentIntent;
  payment_method?: Stripe.PaymentMethod;
  charge?: string;
  request_log_url?: string;
}

/**
 * An error answered as Stripe answers it. `saveForIdempotency` is false for parameter validation
 * failures: Stripe only stores idempotent results once an endpoint began executing.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly saveForIdempotency = true,
  ) {
    super(body.message);
  }
}

const DOCS = "https://docs.stripe.com/error-codes";

export function invalidRequest(message: string, param?: string, code?: string, status = 400): ApiError {
  const body: StripeErrorBody = { type: "invalid_request_error", message };
  if (code) {
    body.code = code;
    body.doc_url = `${DOCS}/${code.replace(/_/g, "-")}`;
  }
  if (param) body.param = param;
  return new ApiError(status, body, true);
}

/** A bad parameter: never stored for idempotent replay. */
export function paramError(message: string, param: string, code?: string): ApiError {
  const e = invalidRequest(message, param, code);
  return new ApiError(e.status, e.body, false);
}

export const missingParam = (param: string): ApiError =>
  paramError(`Missing required param: ${param}.`, param, "parameter_missing");

/**
 * Stripe names the missing object's parameter: `id` for a path id in general, `intent` for a
 * PaymentIntent and `session` for a Checkout Session (https://docs.stripe.com/error-codes#resource-missing).
 */
export function resourceMissing(kind: string, id: string, param = "id"): ApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, param, "resource_missing", 404);
}

export function unrecognizedUrl(method: string, path: string): ApiError {
  return new ApiError(
    404,
    {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    },
    false,
  );
}

/**
 * Stripe answers a missing or wrong API key with 401 and `type: "invalid_request_error"`
 * (https://docs.stripe.com/api/errors: "401 Unauthorized: No valid API key provided"); the SDK maps
 * any 401 to StripeAuthenticationError.
 */
export function authError(message: string): ApiError {
  return new ApiError(401, { type: "invalid_request_error", message }, false);
}

export function idempotencyError(message: string, status = 400): ApiError {
  return new ApiError(status, { type: "idempotency_error", message }, false);
}

export function errorJson(error: ApiError): { error: StripeErrorBody } {
  return { error: error.body };
}
