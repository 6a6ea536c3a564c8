import crypto from "node:crypto";
import { GoTrueError, badRequest } from "./errors";

// scrypt cost: 2^14 × 8 × 128 B = 16 MiB per hash, tens of milliseconds (similar to GoTrue's bcrypt cost 10).
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_N = 1 << 17;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, keylen, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$<salt base64>$<hash base64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, N, R, P, KEY_LENGTH);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

// Compared against when the user does not exist, so a miss costs as much as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Constant-time check of `password` against a stored hash; an absent or foreign hash never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) {
    dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
    await verifyPassword(password, await dummyHash);
    return false;
  }
  const actual = await scrypt(password, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.hash.length);
  return crypto.timingSafeEqual(actual, parsed.hash);
}

function parseHash(stored: string | null | undefined) {
  const parts = stored?.split("$");
  if (!parts || parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const hash = Buffer.from(parts[5] ?? "", "base64");
  const valid =
    Number.isInteger(n) && n > 1 && n <= MAX_N && (n & (n - 1)) === 0 &&
    Number.isInteger(r) && r >= 1 && r <= 16 && Number.isInteger(p) && p >= 1 && p <= 16 &&
    salt.length >= 8 && hash.length >= 16;
  return valid ? { n, r, p, salt, hash } : null;
}

export const MIN_PASSWORD_LENGTH = 6; // Supabase's default (config.toml auth.minimum_password_length)
const MAX_PASSWORD_BYTES = 72; // GoTrue's MaxPasswordLength (a bcrypt limit it keeps for every hash)

/** GoTrue's checkPasswordStrength (internal/api/password.go) with the default policy. */
export function checkPasswordStrength(password: string): void {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw badRequest("validation_failed", `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  const weakness = passwordWeakness(password);
  if (weakness) throw new GoTrueError(422, "weak_password", weakness.message, weakness.reasons);
}

/** The WeakPasswordError GoTrue would raise for this password, if any (Go's len() counts bytes). */
export function passwordWeakness(password: string): { message: string; reasons: string[] } | null {
  if (Buffer.byteLength(password) >= MIN_PASSWORD_LENGTH) return null;
  return { message: `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, reasons: ["length"] };
}
