import { describe, expect, it } from "vitest";
import { appOrigin, redirectOrigin } from "@/lib/http/origin";
import { REAL_PRODUCTION, scopedEnv } from "../helpers/env";

const withEnv = scopedEnv();

const spoofed = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };

describe("redirect origin", () => {
  it("is APP_URL in production, whatever Host and X-Forwarded-Host say", () => {
    withEnv({ ...REAL_PRODUCTION, APP_URL: "https://shop.example/" });
    expect(appOrigin(new Request("https://evil.example/api/cart/checkout", { headers: spoofed }))).toBe("https://shop.example");
    expect(redirectOrigin(new Headers(spoofed))).toBe("https://shop.example");
    expect(redirectOrigin(new Headers({ host: "evil.example" }))).toBe("https://shop.example");
  });

  it("is the host the browser used in development, so 127.0.0.1 and localhost both work", () => {
    withEnv({ NODE_ENV: "development", APP_URL: undefined });
    expect(appOrigin(new Request("http://127.0.0.1:3000/api/cart/checkout"))).toBe("http://127.0.0.1:3000");
    expect(redirectOrigin(new Headers({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(redirectOrigin(new Headers({ host: "shop.test", "x-forwarded-host": "tunnel.example", "x-forwarded-proto": "https" }))).toBe("https://tunnel.example");
  });

  it("is APP_URL in development too when it is set", () => {
    withEnv({ NODE_ENV: "development", APP_URL: "http://localhost:3000" });
    expect(redirectOrigin(new Headers({ host: "127.0.0.1:3000" }))).toBe("http://localhost:3000");
  });
});
