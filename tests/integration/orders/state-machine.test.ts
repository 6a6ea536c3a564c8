import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

/** The state machine of DESIGN.md, as the database function order_transition applies it. */
async function transition(from: string, signal: string) {
  const [t] = await db()<{ to_status: string; changes: boolean; release_stock: boolean; review: string | null }[]>`
    select * from public.order_transition(${from}, ${signal})`;
  return { to: t!.to_status, changes: t!.changes, releaseStock: t!.release_stock, review: t!.review };
}

describe("order state machine", () => {
  it("pays pending and failed orders", async () => {
    expect(await transition("pending", "succeeded")).toMatchObject({ to: "paid", changes: true, releaseStock: false, review: null });
    expect(await transition("failed", "succeeded")).toMatchObject({ to: "paid", changes: true });
  });
  it("keeps paid terminal for payment signals", async () => {
    for (const s of ["succeeded", "failed", "canceled"]) {
      expect(await transition("paid", s)).toMatchObject({ to: "paid", changes: false, releaseStock: false });
    }
  });
  it("fails only pending orders and keeps their stock", async () => {
    expect(await transition("pending", "failed")).toMatchObject({ to: "failed", changes: true, releaseStock: false });
    expect((await transition("failed", "failed")).changes).toBe(false);
  });
  it("cancels pending and failed orders and releases stock once", async () => {
    expect(await transition("pending", "canceled")).toMatchObject({ to: "canceled", releaseStock: true });
    expect(await transition("failed", "canceled")).toMatchObject({ to: "canceled", releaseStock: true });
    expect(await transition("canceled", "canceled")).toMatchObject({ changes: false, releaseStock: false });
  });
  it("flags money taken for a canceled order for review", async () => {
    const t = await transition("canceled", "succeeded");
    expect(t.to).toBe("paid");
    expect(t.review).toMatch(/canceled/);
  });
  it("refunds only paid orders, keeps refunded terminal and never restocks", async () => {
    expect(await transition("paid", "refunded")).toMatchObject({ to: "refunded", changes: true, releaseStock: false });
    for (const from of ["pending", "failed", "canceled", "refunded"]) {
      expect((await transition(from, "refunded")).changes).toBe(false);
    }
    for (const s of ["succeeded", "failed", "canceled"]) {
      expect(await transition("refunded", s)).toMatchObject({ to: "refunded", changes: false, releaseStock: false });
    }
  });
  it("is not callable by shoppers", async () => {
    for (const role of ["anon", "authenticated"]) {
      const error = await db()
        .begin(async (tx) => {
          await tx.unsafe(`set local role ${role}`);
          await tx`select public.order_apply_signal(gen_random_uuid(), 'succeeded', null, null, null, null, null)`;
        })
        .then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: "42501" });
    }
  });
});
