import { describe, expect, it } from "vitest";
import { bearerToken } from "../../../lib/auth/bearer";

const withAuth = (value?: string) =>
  new Request("http://shop.test/api", value === undefined ? {} : { headers: { authorization: value } });

describe("bearerToken", () => {
  it("reads the token of a Bearer header, scheme in any case", () => {
    expect(bearerToken(withAuth("Bearer abc.def-ghi_jkl"))).toBe("abc.def-ghi_jkl");
    expect(bearerToken(withAuth("bearer abc"))).toBe("abc");
  });

  it.each([undefined, "", "Bearer", "Bearer ", "Bearer  abc", "Bearer a b", "Basic abc", "Token abc", "Bearerabc"])(
    "refuses %j",
    (value) => {
      expect(bearerToken(withAuth(value))).toBeNull();
    },
  );
});
