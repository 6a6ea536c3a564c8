import { describe, expect, it } from "vitest";
import { parseForm } from "../../../local/stripe-emulator/form";

describe("form-body parser", () => {
  it("nests bracket keys into hashes and indexed arrays", () => {
    expect(
      parseForm(
        "line_items[0][price_data][product_data][name]=T%20shirt&line_items[0][quantity]=2&line_items[1][price]=price_1&metadata[a]=b+c",
      ),
    ).toEqual({
      line_items: [{ price_data: { product_data: { name: "T shirt" } }, quantity: "2" }, { price: "price_1" }],
      metadata: { a: "b c" },
    });
  });

  it("appends expand[] values and orders expand[n] by index", () => {
    expect(parseForm("expand[]=line_items&expand[]=payment_intent")).toEqual({ expand: ["line_items", "payment_intent"] });
    expect(parseForm("expand[1]=b&expand[0]=a")).toEqual({ expand: ["a", "b"] });
    expect(parseForm("items[10]=k&items[2]=j")).toEqual({ items: ["j", "k"] });
  });

  it("keeps empty values (metadata unset) and encoded brackets", () => {
    expect(parseForm("metadata=")).toEqual({ metadata: "" });
    expect(parseForm("metadata%5Bkey%5D=")).toEqual({ metadata: { key: "" } });
  });
});
