import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as checkout } from "@/app/api/checkout/route";
import { db } from "@/lib/db";
import { TestBrowser } from "../../helpers/browser";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";

let auth: AuthStack;
beforeAll(async () => {
  auth = await startAuthStack({ accessTokenTtlSeconds: 1 });
});
afterAll(() => auth.close());

it("an expired access token gets 401 Unauthorized and creates nothing", async () => {
  const user = await auth.newUser();
  await new Promise((r) => setTimeout(r, 2500));
  const res = await new TestBrowser().call(checkout, {
    path: "/api/checkout",
    json: { cartItems: [{ variant_id: 1, quantity: 1 }] },
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res).toMatchObject({ status: 401, body: { error: "Unauthorized" } });
  const [row] = await db()<{ n: number }[]>`select count(*)::int as n from orders where user_id = ${user.id}`;
  expect(row!.n).toBe(0);
});
