import type { IncomingMessage, ServerResponse } from "node:http";
import { checkApiKey } from "./apikey";
import type { AuthContext } from "./context";
import { answerPreflight, applyCors } from "./cors";
import { GoTrueError, OAuthError, UNEXPECTED_FAILURE, writeGoTrueError, writeOAuthError } from "./errors";
import { sendJson } from "./http";
import { localConfig } from "./local-config";
import { logout } from "./logout";
import { otp } from "./otp";
import { health, jwks, settings } from "./public";
import { recover } from "./recover";
import { signup } from "./signup";
import { token } from "./token";
import { getUser, updateCurrentUser } from "./user";
import { verify } from "./verify";
import { Redirect, verifyGet } from "./verify-get";

const PREFIX = "/auth/v1";

type Handler = (ctx: AuthContext, req: IncomingMessage, query: URLSearchParams) => unknown;

/** Routes under /auth/v1 as supabase-js calls them. `open` routes skip key-auth, as on Supabase's gateway. */
const ROUTES: Record<string, { open?: boolean; headers?: Record<string, string>; methods: Record<string, Handler> }> = {
  "/health": { open: true, methods: { GET: () => health() } },
  "/.well-known/jwks.json": { open: true, headers: { "Cache-Control": "public, max-age=600" }, methods: { GET: (ctx) => jwks(ctx) } },
  "/settings": { methods: { GET: (ctx) => settings(ctx) } },
  "/signup": { methods: { POST: (ctx, req, q) => signup(ctx, req, q) } },
  // Open on Supabase's gateway (kong.yml auth-v1-open): mail links to GET /verify carry no apikey.
  "/verify": { open: true, methods: { GET: (ctx, req, q) => verifyGet(ctx, req, q), POST: (ctx, req) => verify(ctx, req) } },
  "/recover": { methods: { POST: (ctx, req, q) => recover(ctx, req, q) } },
  "/otp": { methods: { POST: (ctx, req, q) => otp(ctx, req, q) } },
  "/_local/config": { methods: { GET: (ctx, req) => localConfig(ctx, req), PUT: (ctx, req) => localConfig(ctx, req) } },
  "/token": { methods: { POST: (ctx, req, q) => token(ctx, req, q) } },
  "/user": { methods: { GET: (ctx, req) => getUser(ctx, req), PUT: (ctx, req) => updateCurrentUser(ctx, req) } },
  "/logout": { methods: { POST: async (ctx, req, q) => void (await logout(ctx, req, q)) } },
};

export interface RouterOptions {
  apiKeys: string[];
  log: boolean;
}

export function createRouter(ctx: AuthContext, opts: RouterOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      await route(ctx, opts, req, res, url);
    } catch (e) {
      if (e instanceof GoTrueError) {
        writeGoTrueError(req, res, e);
      } else if (e instanceof OAuthError) {
        writeOAuthError(req, res, e);
      } else {
        console.error("[auth] unexpected failure", e);
        if (!res.headersSent) writeGoTrueError(req, res, UNEXPECTED_FAILURE);
        else res.destroy();
      }
    } finally {
      if (opts.log) {
        console.log(`[auth] ${req.method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
      }
    }
  };
}

async function route(ctx: AuthContext, opts: RouterOptions, req: IncomingMessage, res: ServerResponse, url: URL) {
  applyCors(req, res);
  if (req.method === "OPTIONS") return answerPreflight(req, res);

  const path = url.pathname.replace(/\/+$/, "");
  if (!path.startsWith(`${PREFIX}/`)) return sendJson(res, 404, { message: "no Route matched with those values" });
  const entry = ROUTES[path.slice(PREFIX.length)];

  if (!entry?.open) {
    const key = checkApiKey(req, url.searchParams, opts.apiKeys);
    if (!key.ok) return sendJson(res, 401, key.body);
  }
  if (!entry) throw new GoTrueError(404, "", "Not Found");
  const handler = entry.methods[req.method ?? "GET"];
  if (!handler) throw new GoTrueError(405, "", "Method Not Allowed");

  const body = await handler(ctx, req, url.searchParams);
  if (body instanceof Redirect) {
    res.writeHead(303, { Location: body.location, "Content-Length": "0" });
    res.end();
  } else if (body === undefined) {
    res.writeHead(204);
    res.end();
  } else {
    sendJson(res, 200, body, entry.headers);
  }
}
