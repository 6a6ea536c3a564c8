/** A cart API failure with the seed's error shape: {status, error: true, message}. */
export class CartError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function cartErrorBody(status: number, message: string) {
  return { status, error: true as const, message };
}

export const SERVER_ERROR = "Server Error";
