import type { IncomingMessage } from "node:http";
import { GoTrueError, badRequest } from "./errors";
import { BodyTooLargeError, readBody } from "./http";

const MAX_BODY_BYTES = 1024 * 1024;

export type Params = Record<string, unknown>;

/** GoTrue's retrieveRequestParams: the body must be a JSON object (else 400 bad_json). */
export async function readParams(req: IncomingMessage): Promise<Params> {
  let text: string;
  try {
    text = await readBody(req, MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new GoTrueError(413, "request_entity_too_large", e.message);
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw badJson(text === "" ? "unexpected end of JSON input" : (e as Error).message);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badJson(`cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed} into an object`);
  }
  return parsed as Params;
}

const badJson = (detail: string) => badRequest("bad_json", `Could not parse request body as JSON: ${detail}`);

/** A string field; absent or null reads as "" (Go's zero value), any other type is bad JSON. */
export function str(params: Params, name: string): string {
  const v = params[name];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw badJson(`cannot unmarshal ${typeof v} into field ${name} of type string`);
  return v;
}

/** A nullable string field, where "absent" and "" mean different things (e.g. PUT /user password). */
export function optionalStr(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw badJson(`cannot unmarshal ${typeof v} into field ${name} of type string`);
  return v;
}

/** A JSON object field (`data`, `app_metadata`); absent or null is undefined. */
export function obj(params: Params, name: string): Record<string, unknown> | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) {
    throw badJson(`cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into field ${name} of type map[string]interface {}`);
  }
  return v as Record<string, unknown>;
}
