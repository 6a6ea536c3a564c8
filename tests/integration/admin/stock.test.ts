import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as setStock } from "@/app/api/admin/stock/[variantId]/route";
import { GET as listStock } from "@/app/api/admin/stock/route";
import { db } from "@/lib/db";
import { createProduct, stockOf, type Fixture } from "../../helpers/fixtures";
import { startAuthStack, type AuthStack } from "../../helpers/auth-stack";
import { insertOrder, newMerchant, type TestMerchant } from "./helpers";

let auth: AuthStack;
let merchant: TestMerchant;
beforeAll(async () => {
  auth = await startAuthStack();
  merchant = await newMerchant(auth);
});
afterAll(() => auth.close());

/** An order holding units the way checkout leaves it: items written, stock taken. */
async function holding(p: Fixture, quantity: number, status: string) {
  const id = await insertOrder({ status, amountTotal: 100 * quantity, items: [{ productId: p.productId, variantId: p.variantId, quantity, unitAmount: 100 }] });
  await db()`update variants set stock = stock - ${quantity} where id = ${p.variantId}`;
  return id;
}

const post = (p: Fixture, json: Record<string, unknown>) =>
  merchant.browser.call(setStock, { path: `/api/admin/stock/${p.variantId}`, params: { variantId: String(p.variantId) }, json });

async function row(p: Fixture) {
  const res = await merchant.browser.call(listStock, { path: "/api/admin/stock" });
  return res.body.variants.find((v: { variant_id: number }) => v.variant_id === p.variantId);
}

describe("stock as units on hand", () => {
  it("shows free, held and sold units; editing on hand moves free stock by the difference and keeps held units", async () => {
    const p = await createProduct({ stock: 10 });
    await holding(p, 3, "pending");
    const paid = await holding(p, 2, "paid");
    await holding(p, 1, "refunded");
    await db()`update orders set stock_held = false where id in (select order_id from order_items where variant_id = ${p.variantId}) and status = 'refunded'`;
    // 10 − 3 − 2 − 1 = 4 free; held: 3 unpaid + 2 paid not shipped; sold: 2 paid + 1 refunded.
    expect(await row(p)).toMatchObject({ stock: 4, held: 5, sold: 3, low_stock_at: 3 });

    const up = await post(p, { on_hand: 12, low_stock_at: 4 });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ variant_id: p.variantId, stock: 7, held: 5, on_hand: 12 });
    expect(await row(p)).toMatchObject({ stock: 7, held: 5, low_stock_at: 4 });

    const below = await post(p, { on_hand: 4 });
    expect([below.status, below.body.error]).toEqual([409, "below_held"]);
    expect(await stockOf(p.variantId)).toBe(7);

    expect((await post(p, { on_hand: 5 })).body.stock).toBe(0);
    // Shipping the paid order takes its 2 units off the shelf: they are no longer held here.
    await db()`update orders set fulfillment_status = 'shipped' where id = ${paid}`;
    expect(await row(p)).toMatchObject({ stock: 0, held: 3 });
    expect((await post(p, { on_hand: 3 })).body.stock).toBe(0);
  });

  it("parallel edits of the same count agree; bad input is a 400 and changes nothing", async () => {
    const p = await createProduct({ stock: 6 });
    await holding(p, 2, "pending");
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(p, { on_hand: 9 })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await stockOf(p.variantId)).toBe(7);
    for (const body of [{ on_hand: -1 }, { on_hand: 1.5 }, { on_hand: "many" }, {}, { on_hand: 5, low_stock_at: -2 }]) {
      expect([body, (await post(p, body)).status]).toEqual([body, 400]);
    }
    expect(await stockOf(p.variantId)).toBe(7);
    const missing = await merchant.browser.call(setStock, { path: "/api/admin/stock/999999999", params: { variantId: "999999999" }, json: { on_hand: 1 } });
    expect(missing.status).toBe(404);
  });
});

describe("stock edits racing checkouts", () => {
  it("every checkout keeps units on hand; an edit sets them: afterwards free + held is exactly the count entered", async () => {
    const p = await createProduct({ stock: 100 });
    const { takeStock } = await import("@/lib/orders/stock");
    /** Checkout's own shape: units taken and the order written in one transaction. */
    const checkout = () => db().begin(async (tx) => {
      expect(await takeStock(tx, [{ variantId: p.variantId, quantity: 1 }])).toEqual([]);
      const [o] = await tx<{ id: string }[]>`insert into orders (status, currency, amount_total, source, expires_at)
        values ('pending', 'eur', 100, 'payment_intent', now() + interval '30 minutes') returning id`;
      await tx`insert into order_items (order_id, product_id, variant_id, name, sku, currency, unit_amount, quantity)
               values (${o!.id}, ${p.productId}, ${p.variantId}, 'x', 'x', 'eur', 100, 1)`;
    });
    const edits = Array.from({ length: 8 }, () => post(p, { on_hand: 150 }));
    const checkouts = Array.from({ length: 24 }, () => checkout());
    const answers = await Promise.all(edits);
    await Promise.all(checkouts);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const after = await row(p);
    expect(after.held).toBe(24);
    expect(after.stock + after.held).toBe(150);
  });
});
