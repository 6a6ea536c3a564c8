import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mergeGuestCart } from "@/lib/cart/merge";
import { addItems } from "@/lib/cart/mutations";
import { loadCart } from "@/lib/cart/queries";
import { createProduct } from "../../helpers/fixtures";

async function newUser(): Promise<string> {
  const id = crypto.randomUUID();
  await db()`insert into auth.users (id, aud, role, email, created_at, updated_at)
             values (${id}, 'authenticated', 'authenticated', ${`${id}@example.test`}, now(), now())`;
  return id;
}

describe("signing in merges the guest cart", () => {
  it("adds quantities, capped by stock, and retires the guest cart", async () => {
    const a = await createProduct({ stock: 5 });
    const b = await createProduct({ stock: 10 });
    const user = await newUser();
    await addItems({ userId: user, cartNumber: null }, [{ price: a.prices.eur, quantity: 3 }]);
    const guest = await addItems({ userId: null, cartNumber: null }, [{ price: a.prices.eur, quantity: 4 }, { price: b.prices.eur, quantity: 2 }]);
    const number = guest.createdNumber!;

    await mergeGuestCart(user, number);
    const mine = await loadCart(db(), { userId: user, cartNumber: null });
    const q = Object.fromEntries(mine!.lines.map((l) => [l.price_id, l.quantity]));
    expect(q).toEqual({ [a.prices.eur]: 5, [b.prices.eur]: 2 });
    expect(await loadCart(db(), { userId: null, cartNumber: number })).toBeNull();

    await mergeGuestCart(user, number); // idempotent
    const again = await loadCart(db(), { userId: user, cartNumber: null });
    expect(Object.fromEntries(again!.lines.map((l) => [l.price_id, l.quantity]))).toEqual(q);
  });

  it("hands the guest cart over when the shopper has none", async () => {
    const a = await createProduct({ stock: 5 });
    const user = await newUser();
    const guest = await addItems({ userId: null, cartNumber: null }, [{ price: a.prices.eur, quantity: 2 }]);
    await mergeGuestCart(user, guest.createdNumber!);
    const mine = await loadCart(db(), { userId: user, cartNumber: null });
    expect(mine!.cart.number).toBe(guest.createdNumber);
    expect(mine!.lines.map((l) => l.quantity)).toEqual([2]);
  });
});
