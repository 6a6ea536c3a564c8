import { describe, expect, it } from "vitest";
import { anonKey, authSuite, supabaseFor, uniqueEmail } from "./setup";

/**
 * How GoTrue refuses a refresh token it cannot use (RefreshTokenGrant in supabase/auth
 * internal/tokens/service.go, models.FindUserWithRefreshToken in internal/models/user.go).
 */
const { server } = authSuite();

const refresh = (body: unknown) =>
  fetch(`${server.url}/auth/v1/token?grant_type=refresh_token`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
    body: JSON.stringify(body),
  });

describe("refresh tokens GoTrue never issued", () => {
  it.each([
    ["a short string", "nope"],
    ["a 12-character string in no table", "abcdefghijkl"],
    ["a long string that is no signed v2 token", "x".repeat(40)],
    ["upper case", "ABCDEFGHIJKL"],
  ])("answers 400 refresh_token_not_found for %s", async (_label, token) => {
    const { data, error } = await supabaseFor(server).auth.refreshSession({ refresh_token: token });
    expect(error).toMatchObject({ name: "AuthApiError", status: 400, code: "refresh_token_not_found", message: "Invalid Refresh Token: Refresh Token Not Found" });
    expect(data.session).toBeNull();
  });

  it("answers an absent token with the OAuth error object, as upstream's NewOAuthError does", async () => {
    const res = await refresh({});
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_request", error_description: "refresh_token required" });
    expect(res.headers.get("x-sb-error-code")).toBeNull();
    expect(res.headers.get("x-supabase-api-version")).toBe("2024-01-01");
  });

  it("still refreshes a token it issued", async () => {
    const client = supabaseFor(server);
    const signedUp = await client.auth.signUp({ email: uniqueEmail(), password: "correct horse" });
    expect(signedUp.error).toBeNull();
    const { data, error } = await client.auth.refreshSession({ refresh_token: signedUp.data.session!.refresh_token });
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(signedUp.data.session!.refresh_token);
  });
});
