import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db";
import { insertOrder } from "./helpers";

class Rollback extends Error {}
/** Runs fn as PostgREST's authenticated role with the given JWT claims, then rolls back. */
async function asAuthenticated<T>(claims: Record<string, unknown>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db()
    .begin(async (tx) => {
      await tx.unsafe("set local role authenticated");
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ role: "authenticated", ...claims })}, true)`;
      result = await fn(tx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}

let orderId = "";
beforeAll(async () => {
  orderId = await insertOrder({ amountTotal: 4200, items: [{ productId: 1, variantId: 1, quantity: 1, unitAmount: 4200 }] });
  await db()`insert into order_events (order_id, type) values (${orderId}, 'fixture')`;
});

const visible = (tx: Tx) => tx<{ o: number; i: number; e: number }[]>`
  select (select count(*) from orders where id = ${orderId})::int as o,
         (select count(*) from order_items where order_id = ${orderId})::int as i,
         (select count(*) from order_events where order_id = ${orderId})::int as e`;

describe("merchant RLS (Data API)", () => {
  it("lets a merchant (app_metadata.role) read every order, its items and events, and write nothing", async () => {
    const sub = crypto.randomUUID();
    const [seen] = await asAuthenticated({ sub, app_metadata: { role: "merchant" } }, visible);
    expect(seen).toEqual({ o: 1, i: 1, e: 1 });
    const denied = await asAuthenticated({ sub, app_metadata: { role: "merchant" } }, (tx) =>
      tx`update orders set status = 'refunded' where id = ${orderId}`.then(() => "updated", (e: Error) => e.message));
    expect(denied).toMatch(/permission denied/);
  });

  it("hides other people's orders from shoppers, even one who put role: merchant in their user_metadata", async () => {
    for (const claims of [{ app_metadata: {} }, { user_metadata: { role: "merchant" } }, { app_metadata: { role: "Merchant" } }]) {
      const [seen] = await asAuthenticated({ sub: crypto.randomUUID(), ...claims }, visible);
      expect([claims, seen]).toEqual([claims, { o: 0, i: 0, e: 0 }]);
    }
  });
});
