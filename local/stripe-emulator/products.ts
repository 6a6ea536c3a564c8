import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { resourceMissing } from "./errors";
import { newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";

export function buildProduct(emu: Emulator, p: Params, active = true): Stripe.Product {
  const now = emu.now();
  const product: Stripe.Product = {
    id: p.optStr("id") ?? newId("prod"),
    object: "product",
    active: p.bool("active") ?? active,
    created: now,
    default_price: null,
    description: p.optStr("description") ?? null,
    images: p.strList("images") ?? [],
    livemode: false,
    marketing_features: [],
    metadata: applyMetadata({}, p.metadata(), p.path("metadata")),
    name: p.reqStr("name"),
    package_dimensions: null,
    shippable: p.bool("shippable") ?? null,
    statement_descriptor: p.optStr("statement_descriptor") ?? null,
    tax_code: p.optStr("tax_code") ?? null,
    tax_details: null,
    type: "service",
    unit_label: p.optStr("unit_label") ?? null,
    updated: now,
    url: p.optStr("url") ?? null,
  };
  emu.state.products.set(product.id, product);
  return product;
}

export function getProduct(emu: Emulator, id: string, param?: string): Stripe.Product {
  const product = emu.state.products.get(id);
  if (!product) throw resourceMissing("product", id, param);
  return product;
}

export function updateProduct(emu: Emulator, id: string, p: Params): Stripe.Product {
  const product = getProduct(emu, id);
  const name = p.str("name");
  if (name !== undefined && name !== "") product.name = name;
  const active = p.bool("active");
  if (active !== undefined) product.active = active;
  const description = p.optStr("description");
  if (description !== undefined) product.description = description;
  const images = p.strList("images");
  if (images !== undefined) product.images = images;
  const defaultPrice = p.optStr("default_price");
  if (defaultPrice !== undefined) product.default_price = defaultPrice;
  if (p.has("metadata")) product.metadata = applyMetadata(product.metadata, p.metadata());
  product.updated = emu.now();
  return product;
}

export function listProducts(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Product> {
  const active = p.bool("active");
  const ids = p.strList("ids");
  const created = createdFilter(p);
  const items = newestFirst(emu.state.products).filter(
    (x) => (active === undefined || x.active === active) && (!ids || ids.includes(x.id)) && created(x.created),
  );
  return paginate(items, p, "/v1/products", "product");
}
