import crypto from "node:crypto";
import { badRequest } from "./errors";
import { str, type Params } from "./params";

/** GoTrue's PKCEPrefix (supabase/auth internal/api/pkce.go): a mailed token of a PKCE flow starts with it. */
export const PKCE_PREFIX = "pkce_";

export type CodeChallengeMethod = "s256" | "plain";

export interface PkceParams {
  codeChallenge: string;
  codeChallengeMethod: CodeChallengeMethod;
}

/**
 * `code_challenge` + `code_challenge_method` of /signup, /recover and /otp, checked as GoTrue's
 * validatePKCEParams and isValidCodeChallenge do (internal/api/pkce.go, RFC 7636 section 4.2).
 * Null for the implicit flow (neither given). GoTrue parses the method later (models.NewFlowState,
 * case-insensitive) and answers an unknown one with a 500; the stand-in refuses it here with a 400.
 */
export function readPkceParams(params: Params): PkceParams | null {
  const codeChallenge = str(params, "code_challenge");
  const method = str(params, "code_challenge_method");
  if ((codeChallenge === "") !== (method === "")) {
    throw badRequest("validation_failed", "PKCE flow requires code_challenge_method and code_challenge");
  }
  if (codeChallenge === "") return null;
  if (codeChallenge.length < 43 || codeChallenge.length > 128) {
    throw badRequest("validation_failed", "code challenge has to be between 43 and 128 characters");
  }
  if (!/^[a-zA-Z._~0-9-]+$/.test(codeChallenge)) {
    throw badRequest("validation_failed", "code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes");
  }
  const lower = method.toLowerCase();
  if (lower !== "s256" && lower !== "plain") {
    throw badRequest("validation_failed", `unsupported code_challenge method "${method}"`);
  }
  return { codeChallenge, codeChallengeMethod: lower };
}

/** Error messages of security.VerifyPKCEChallenge (internal/security/pkce.go). */
export const PKCE_INVALID_CODE_CHALLENGE = "code challenge does not match previously saved code verifier";
export const PKCE_INVALID_CODE_METHOD = "code challenge method not supported";

/**
 * security.VerifyPKCEChallenge: S256 compares base64url(sha256(verifier)) without padding with the
 * challenge, plain compares them as they are; both in constant time. Answers the error message, or
 * null when the verifier matches.
 */
export function pkceMismatch(challenge: string, method: string, verifier: string): string | null {
  let expected: string;
  switch (method.toLowerCase()) {
    case "s256":
      expected = crypto.createHash("sha256").update(verifier).digest("base64url");
      break;
    case "plain":
      expected = verifier;
      break;
    default:
      return PKCE_INVALID_CODE_METHOD;
  }
  const a = Buffer.from(challenge);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? null : PKCE_INVALID_CODE_CHALLENGE;
}

/**
 * The authentication methods a mailed link can stand for, as models.ParseAuthenticationMethod spells
 * them (internal/models/factor.go): any type ending in "signup" is "email/signup".
 */
export type LinkAuthenticationMethod = "email/signup" | "recovery" | "magiclink" | "invite";

export function parseLinkAuthenticationMethod(type: string): LinkAuthenticationMethod | undefined {
  if (type.endsWith("signup")) return "email/signup";
  return type === "recovery" || type === "magiclink" || type === "invite" ? type : undefined;
}
