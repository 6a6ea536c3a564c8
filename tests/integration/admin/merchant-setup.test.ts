import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as summary } from "@/app/api/admin/summary/route";
import { LOCAL_MERCHANT, seedMerchant } from "@/local/db/seed-merchant";
import { TestBrowser } from "../../helpers/browser";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let auth: AuthStack;
beforeAll(async () => {
  auth = await startAuthStack();
});
afterAll(() => auth.close());

const summaryAs = (token: string) => new TestBrowser({ authorization: `Bearer ${token}` }).call(summary, { path: "/api/admin/summary" });

describe("merchants", () => {
  it("the local stack's seeded merchant signs in through the auth stand-in and opens the back office; seeding twice is harmless", async () => {
    await seedMerchant(inject("databaseUrl"));
    await seedMerchant(inject("databaseUrl"));
    const token = await auth.signIn(LOCAL_MERCHANT.email, LOCAL_MERCHANT.password);
    expect((await summaryAs(token)).status).toBe(200);
  });

  it("`npm run merchant:add <email>` makes a user merchant at their next sign-in; --remove takes it back", async () => {
    const user = await auth.newUser();
    expect((await summaryAs(user.token)).status).toBe(404);
    const env = { ...process.env, DATABASE_URL: inject("databaseUrl") };
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const added = await run(tsx, ["scripts/merchant-add.ts", user.email.toUpperCase()], { cwd: root, env });
    expect(added.stdout).toContain("is a merchant");
    expect((await summaryAs(user.token)).status).toBe(404); // the old token has no role in it
    expect((await summaryAs(await auth.signIn(user.email, user.password))).status).toBe(200);
    await run(tsx, ["scripts/merchant-add.ts", user.email, "--remove"], { cwd: root, env });
    expect((await summaryAs(await auth.signIn(user.email, user.password))).status).toBe(404);
    const missing = await run(tsx, ["scripts/merchant-add.ts", "nobody@example.test"], { cwd: root, env }).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("No user with the email") });
  }, 60_000);
});
