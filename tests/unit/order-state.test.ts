import { describe, expect, it } from "vitest";
import { transition } from "@/lib/orders/state";

describe("order state machine", () => {
  it("pays pending and failed orders", () => {
    expect(transition("pending", "succeeded")).toMatchObject({ to: "paid", changes: true });
    expect(transition("failed", "succeeded")).toMatchObject({ to: "paid", changes: true });
  });
  it("keeps paid terminal", () => {
    for (const s of ["succeeded", "failed", "canceled"] as const) {
      expect(transition("paid", s)).toMatchObject({ to: "paid", changes: false, releaseStock: false });
    }
  });
  it("fails only pending orders and keeps their stock", () => {
    expect(transition("pending", "failed")).toMatchObject({ to: "failed", changes: true, releaseStock: false });
    expect(transition("failed", "failed").changes).toBe(false);
  });
  it("cancels pending and failed orders and releases stock once", () => {
    expect(transition("pending", "canceled")).toMatchObject({ to: "canceled", releaseStock: true });
    expect(transition("failed", "canceled")).toMatchObject({ to: "canceled", releaseStock: true });
    expect(transition("canceled", "canceled")).toMatchObject({ changes: false, releaseStock: false });
  });
  it("flags money taken for a canceled order for review", () => {
    const t = transition("canceled", "succeeded");
    expect(t.to).toBe("paid");
    expect(t.review).toMatch(/canceled/);
  });
  it("refunds only paid orders, keeps refunded terminal and never restocks", () => {
    expect(transition("paid", "refunded")).toMatchObject({ to: "refunded", changes: true, releaseStock: false });
    for (const from of ["pending", "failed", "canceled", "refunded"] as const) {
      expect(transition(from, "refunded").changes).toBe(false);
    }
    for (const s of ["succeeded", "failed", "canceled"] as const) {
      expect(transition("refunded", s)).toMatchObject({ to: "refunded", changes: false, releaseStock: false });
    }
  });
});
