/** Why a sign-in link did not work, as /auth/confirm reports it in `?error=` to the page it redirects to. */
export const LINK_ERRORS = {
  link_invalid: "That link is invalid or has expired. Links work once and for one hour: request a new one.",
  unavailable: "We could not check that link just now. Please try again in a moment.",
  // GoTrue verified the mail (the address is confirmed) but the code is older than its flow state's
  // 300 s (internal/models/flow_state.go): only signing in here failed.
  link_expired: "That link was opened too late to sign you in here. If it confirmed your email address, you can sign in with your password now; to reset a password, request a new link.",
} as const;

export type LinkError = keyof typeof LINK_ERRORS;

export function linkErrorMessage(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && Object.hasOwn(LINK_ERRORS, v) ? LINK_ERRORS[v as LinkError] : null;
}

/** The path mail links come back to; `next` is where to go once signed in. */
export function confirmRedirect(origin: string, next: string): string {
  return `${origin}/auth/confirm?next=${encodeURIComponent(next)}`;
}
