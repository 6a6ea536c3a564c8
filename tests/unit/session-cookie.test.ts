import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

describe("hasSessionCookie (the header only loads Supabase's client when it is true)", () => {
  it("finds a whole or chunked session cookie anywhere in the header", () => {
    expect(hasSessionCookie("sb-127-auth-token=base64-abc")).toBe(true);
    expect(hasSessionCookie("cart=1; sb-abcdefghijkl-auth-token.0=base64-a; sb-abcdefghijkl-auth-token.1=b")).toBe(true);
    expect(hasSessionCookie("cart=1;sb-x-auth-token=v")).toBe(true);
  });

  it("ignores guests and look-alikes", () => {
    expect(hasSessionCookie("")).toBe(false);
    expect(hasSessionCookie("cart=0123456789abcdef")).toBe(false);
    expect(hasSessionCookie("sb-127-auth-token-code-verifier=base64-abc")).toBe(false);
    expect(hasSessionCookie("theme=sb-127-auth-token")).toBe(false);
    expect(hasSessionCookie("xsb-127-auth-token=v")).toBe(false);
  });
});
