import { z } from "zod";
import { ApiError, type StripeErrorType } from "./errors";

/**
 * - `error`: answer a Stripe error without acting.
 * - `drop`: destroy the connection before acting (nothing is created).
 * - `drop_after`: act and store the idempotent result, then destroy the connection without an
 *   answer: Stripe did it but the caller cannot know.
 * - `delay`: act, then answer after `delay_ms` (to exercise client timeouts).
 */
export const FAULT_MODES = ["error", "drop", "drop_after", "delay"] as const;

export const faultSchema = z
  .object({
    operation: z.string().min(1),
    count: z.number().int().min(1).default(1),
    mode: z.enum(FAULT_MODES).default("error"),
    delay_ms: z.number().int().min(1).max(120_000).optional(),
    error: z
      .object({
        status: z.number().int().min(400).max(599).default(500),
        type: z
          .enum(["api_error", "card_error", "idempotency_error", "invalid_request_error", "authentication_error", "rate_limit_error"])
          .default("api_error"),
        code: z.string().optional(),
        decline_code: z.string().optional(),
        message: z.string().default("An unknown error occurred (injected by the Stripe emulator)."),
        param: z.string().optional(),
      })
      .prefault({}),
  })
  .refine((f) => f.mode !== "delay" || f.delay_ms !== undefined, {
    message: 'delay_ms is required with mode "delay"',
    path: ["delay_ms"],
  });

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { remaining: number };

/** Queued failures for the next N calls of an operation (or `*` for any). */
export class FaultInjector {
  private faults: Fault[] = [];

  add(input: unknown): Fault {
    const parsed = faultSchema.parse(input);
    const fault: Fault = { ...parsed, remaining: parsed.count };
    this.faults.push(fault);
    return fault;
  }

  /**
   * Takes one use of the first fault matching `operation`, if any; with `modes`, only when that
   * first fault has one of them (otherwise it is left untouched).
   */
  consume(operation: string, modes?: readonly Fault["mode"][]): Fault | null {
    const fault = this.faults.find((f) => f.operation === operation || f.operation === "*");
    if (!fault || (modes && !modes.includes(fault.mode))) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

export function faultError(fault: Fault): ApiError {
  const { status, type, code, decline_code, message, param } = fault.error;
  const body: { type: StripeErrorType; message: string; code?: string; decline_code?: string; param?: string } = {
    type,
    message,
  };
  if (code) body.code = code;
  if (decline_code) body.decline_code = decline_code;
  if (param) body.param = param;
  // Stripe saves no idempotent result for a request that never began executing: one that conflicted
  // with a concurrent request on the same key (409) or was rate limited (429)
  // (https://docs.stripe.com/api/idempotent_requests). Other injected errors are replayed like real ones.
  return new ApiError(status, body, status !== 409 && status !== 429);
}
