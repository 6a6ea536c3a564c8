/**
 * Calls route handlers directly with real Request objects and keeps cookies like a browser would.
 */
type Handler = (request: Request, ctx: any) => Promise<Response>;

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestBrowser {
  cookies = new Map<string, string>();
  constructor(public headers: Record<string, string> = {}) {}

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  async call<T = any>(
    handler: Handler,
    opts: { method?: string; path?: string; json?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...this.headers, ...opts.headers };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] ??= "application/json";
    } else if (opts.rawBody !== undefined) {
      body = opts.rawBody;
    }
    const request = new Request(`http://127.0.0.1:3000${opts.path ?? "/"}`, { method: opts.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
    const response = await handler(request, opts.params ? { params: Promise.resolve(opts.params) } : undefined);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = decodeURIComponent(rest.join("="));
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
