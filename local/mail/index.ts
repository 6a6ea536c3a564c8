import http from "node:http";
import type { AddressInfo } from "node:net";
import { inboxPage, messagePage } from "./viewer";
import { MessageStore, incomingMessage, type StoredMessage } from "./store";

export interface MailCatcherOptions {
  /** Default 54324, the port of Supabase local's mail viewer; 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface MailCatcher {
  url: string;
  port: number;
  messages(to?: string): StoredMessage[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 512 * 1024;

/**
 * The local stand-in for Supabase local's mail viewer (Inbucket / Mailpit on port 54324): keeps
 * every mail the auth stand-in sends and shows it.
 *   GET  /                      inbox (HTML)          GET /messages/:id   one message (HTML)
 *   GET  /api/messages?to=…     JSON list, newest first
 *   POST /api/messages          {to, subject, html, text}: how the auth stand-in delivers
 *   DELETE /api/messages        empties the inbox
 */
export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const store = new MessageStore();
  const host = opts.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    handle(store, req, res).catch((e) => {
      console.error("[mail] unexpected failure", e);
      if (!res.headersSent) send(res, 500, "application/json", JSON.stringify({ error: "Unexpected failure" }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 54324, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    messages: (to) => store.list(to),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, {
    "Content-Type": `${type}; charset=utf-8`,
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

const json = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, "application/json", JSON.stringify(body));

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

async function handle(store: MessageStore, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path === "/api/messages") {
    if (req.method === "GET") return json(res, 200, store.list(url.searchParams.get("to") ?? undefined));
    if (req.method === "DELETE") {
      store.clear();
      return json(res, 200, { deleted: true });
    }
    if (req.method === "POST") {
      // A JSON content type cannot be sent cross-origin without a preflight, which is never granted:
      // web pages the developer visits cannot drop messages in here.
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) return json(res, 415, { error: "Expected application/json" });
      const parsed = incomingMessage.safeParse(await readJson(req));
      if (!parsed.success) return json(res, 400, { error: "Expected {to, subject, html, text}" });
      return json(res, 201, store.add(parsed.data));
    }
    return json(res, 405, { error: "Method not allowed" });
  }
  if (req.method !== "GET") return json(res, 405, { error: "Method not allowed" });
  if (path === "/") return send(res, 200, "text/html", inboxPage(store.list()));
  const id = /^\/messages\/([0-9a-f-]{36})$/.exec(path)?.[1];
  const message = id ? store.get(id) : undefined;
  if (message) return send(res, 200, "text/html", messagePage(message));
  return send(res, 404, "text/plain", "Not found");
}
