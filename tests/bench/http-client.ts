import http from "node:http";

/**
 * A lean HTTP client for the load generators: node:http with kept-alive sockets. fetch (undici)
 * spends several times its CPU per request, and on 2 cores the load generator's CPU is taken
 * from the server it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface Answer {
  status: number;
  /** The first Set-Cookie's name=value, if any. */
  cookie: string | null;
  body: string;
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", accept: "application/json", "content-length": Buffer.byteLength(payload), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({
        status: res.statusCode ?? 0,
        cookie: res.headers["set-cookie"]?.[0]?.split(";")[0] ?? null,
        body: Buffer.concat(chunks).toString("utf8"),
      }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}
