/**
 * Regenerates known-params.json: for each API operation the app calls, the tree of parameter names
 * stripe-node's own request types accept (they are generated from Stripe's OpenAPI spec for the
 * pinned API version). Run after upgrading `stripe`:  npx tsx local/stripe-emulator/known-params/generate.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** operation (routes.ts) → stripe-node params type */
export const OPERATION_TYPES: Record<string, string> = {
  "checkout.sessions.create": "Stripe.Checkout.SessionCreateParams",
  "checkout.sessions.retrieve": "Stripe.Checkout.SessionRetrieveParams",
  "checkout.sessions.update": "Stripe.Checkout.SessionUpdateParams",
  "checkout.sessions.expire": "Stripe.Checkout.SessionExpireParams",
  "checkout.sessions.list_line_items": "Stripe.Checkout.SessionListLineItemsParams",
  "payment_intents.create": "Stripe.PaymentIntentCreateParams",
  "payment_intents.retrieve": "Stripe.PaymentIntentRetrieveParams",
  "payment_intents.update": "Stripe.PaymentIntentUpdateParams",
  "payment_intents.cancel": "Stripe.PaymentIntentCancelParams",
  "refunds.create": "Stripe.RefundCreateParams",
};

/** A leaf (`true`), a hash with free keys such as metadata (`"*"`), a hash, or a list of one of those. */
export type ParamTree = true | "*" | { [name: string]: ParamTree } | { $list: ParamTree };

/** stripe-node's string-literal lists the emulator checks values against. */
export const ENUM_TYPES: Record<string, string> = {
  shipping_allowed_countries: "Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry",
};

export interface KnownParams {
  operations: Record<string, ParamTree>;
  enums: Record<string, string[]>;
}

export function generate(): KnownParams {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const probe = path.join(dir, "__probe.ts");
  const source = `import type Stripe from "stripe";\n${[...Object.values(OPERATION_TYPES), ...Object.values(ENUM_TYPES)]
    .map((t, i) => `export type T${i} = ${t};`)
    .join("\n")}\n`;
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === probe ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === probe || fileExists(f);
  const program = ts.createProgram(
    [probe],
    { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, noEmit: true },
    host,
  );
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe);
  if (!file) throw new Error("probe not compiled");
  const aliases = file.statements.filter(ts.isTypeAliasDeclaration);

  function tree(type: ts.Type, depth: number): ParamTree {
    if (depth > 12) return true;
    const scalar = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;
    // An open enum is `'a' | 'b' | (string & {})`; stripe-node's Decimal class is sent as a string.
    const isScalar = (t: ts.Type): boolean =>
      (t.flags & scalar) !== 0 || (t.isIntersection() && t.types.some(isScalar)) || checker.typeToString(t) === "Decimal";
    const parts = (type.isUnion() ? type.types : [type]).filter((t) => !isScalar(t));
    const obj = parts[0];
    if (!obj) return true;
    if (checker.isArrayType(obj)) {
      const item = checker.getTypeArguments(obj as ts.TypeReference)[0];
      return { $list: item ? tree(item, depth + 1) : true };
    }
    if (obj.getStringIndexType() || obj.getNumberIndexType()) return "*";
    const props = checker.getPropertiesOfType(obj);
    const out: Record<string, ParamTree> = {};
    for (const prop of props) out[prop.name] = tree(checker.getTypeOfSymbol(prop), depth + 1);
    return out;
  }

  const operations: Record<string, ParamTree> = {};
  const opNames = Object.keys(OPERATION_TYPES);
  opNames.forEach((op, i) => {
    const alias = aliases[i];
    if (!alias) throw new Error(`no alias for ${op}`);
    operations[op] = tree(checker.getTypeAtLocation(alias.name), 0);
  });
  const enums: Record<string, string[]> = {};
  Object.keys(ENUM_TYPES).forEach((name, i) => {
    const alias = aliases[opNames.length + i];
    if (!alias) throw new Error(`no alias for ${name}`);
    const type = checker.getTypeAtLocation(alias.name);
    enums[name] = (type.isUnion() ? type.types : [type]).filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
  });
  return { operations, enums };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), "known-params.json");
  writeFileSync(out, `${JSON.stringify(generate())}\n`);
  console.log(`wrote ${out}`);
}
