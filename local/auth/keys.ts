import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: "ES256";
  use: "sig";
  key_ops: ["verify"];
  ext: true;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

interface PrivateJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  d: string;
  kid: string;
  alg: "ES256";
  use: "sig";
  key_ops: string[];
  ext: true;
}

/**
 * The ES256 key access tokens are signed with. With `file`, the private JWK is kept there (as a
 * one-element array, the format of the Supabase CLI's `signing_keys_path`), so tokens stay valid
 * across restarts; without it the key lives only as long as the process.
 */
export function loadOrCreateSigningKey(file?: string): SigningKey {
  if (!file) return fromPrivateJwk(generate());
  if (fs.existsSync(file)) return readKeyFile(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const jwk = generate();
  try {
    fs.writeFileSync(file, `${JSON.stringify([jwk], null, 2)}\n`, { flag: "wx", mode: 0o600 });
  } catch (e) {
    // Another process created it first: use theirs so both sign with the same key.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return readKeyFile(file);
    throw e;
  }
  return fromPrivateJwk(jwk);
}

function generate(): PrivateJwk {
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  return {
    kty: "EC",
    crv: "P-256",
    x: String(jwk.x),
    y: String(jwk.y),
    d: String(jwk.d),
    kid: crypto.randomUUID(),
    alg: "ES256",
    use: "sig",
    key_ops: ["sign", "verify"],
    ext: true,
  };
}

function readKeyFile(file: string): SigningKey {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const candidates = Array.isArray(parsed) ? parsed : [parsed];
  const jwk = candidates.find(
    (k): k is PrivateJwk =>
      typeof k === "object" && k !== null && k.kty === "EC" && k.crv === "P-256" && typeof k.d === "string",
  );
  if (!jwk) throw new Error(`${file} holds no EC P-256 private JWK`);
  return fromPrivateJwk({ ...jwk, kid: typeof jwk.kid === "string" && jwk.kid ? jwk.kid : thumbprint(jwk) });
}

function fromPrivateJwk(jwk: PrivateJwk): SigningKey {
  const privateKey = crypto.createPrivateKey({ key: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, d: jwk.d }, format: "jwk" });
  const publicKey = crypto.createPublicKey(privateKey);
  const pub = publicKey.export({ format: "jwk" });
  return {
    kid: jwk.kid,
    privateKey,
    publicKey,
    publicJwk: {
      kty: "EC",
      crv: "P-256",
      x: String(pub.x),
      y: String(pub.y),
      kid: jwk.kid,
      alg: "ES256",
      use: "sig",
      key_ops: ["verify"],
      ext: true,
    },
  };
}

/** RFC 7638 thumbprint, for key files that carry no kid. */
function thumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return crypto.createHash("sha256").update(canonical).digest("base64url");
}
