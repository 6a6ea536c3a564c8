import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { missingParam, paramError, resourceMissing } from "./errors";
import { newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";
import { buildProduct, getProduct } from "./products";

const INTERVALS = ["day", "week", "month", "year"] as const;
const MAX_INTERVAL_DAYS = { day: 1095, week: 156, month: 36, year: 3 } as const;

/** The API sends decimals as strings; the SDK turns them into its Decimal class on arrival. */
function decimalString(value: string): Stripe.Decimal {
  return value as unknown as Stripe.Decimal;
}

function recurringFrom(p: Params | undefined): Stripe.Price.Recurring | null {
  if (!p) return null;
  const interval = p.enumOf("interval", INTERVALS);
  if (!interval) throw missingParam(p.path("interval"));
  const count = p.int("interval_count", { min: 1 }) ?? 1;
  if (count > MAX_INTERVAL_DAYS[interval])
    throw paramError(`Maximum of three years interval allowed (3 years, 36 months, or 156 weeks).`, p.path("interval_count"));
  return { interval, interval_count: count, meter: null, trial_period_days: null, usage_type: "licensed" };
}

function unitAmount(p: Params): number {
  const amount = p.int("unit_amount", { min: 0 });
  if (amount !== undefined) return amount;
  const decimal = p.str("unit_amount_decimal");
  if (decimal !== undefined && decimal !== "") {
    const n = Number(decimal);
    if (!Number.isFinite(n) || n < 0) throw paramError(`Invalid decimal: ${decimal}`, p.path("unit_amount_decimal"), "parameter_invalid_decimal");
    return Math.round(n);
  }
  throw missingParam(p.path("unit_amount"));
}

/**
 * Creates a price from `POST /v1/prices` params or an inline `price_data` hash (`inline`), which
 * may carry `product_data`. Inline prices are created inactive, as Stripe does.
 */
export function buildPrice(emu: Emulator, p: Params, inline: boolean): Stripe.Price {
  const currency = p.reqStr("currency").toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw paramError(`Invalid currency: ${currency}`, p.path("currency"));
  let productId = p.optStr("product");
  const productData = p.obj("product_data");
  if (productId && productData) throw paramError(`You may only specify one of these parameters: product, product_data.`, p.path("product"));
  if (productId) getProduct(emu, productId, p.path("product"));
  else if (productData) productId = buildProduct(emu, productData, !inline).id;
  else throw missingParam(p.path("product"));
  const amount = unitAmount(p);
  const recurring = recurringFrom(p.obj("recurring"));
  const price: Stripe.Price = {
    id: newId("price"),
    object: "price",
    active: inline ? false : (p.bool("active") ?? true),
    billing_scheme: "per_unit",
    created: emu.now(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.optStr("lookup_key") ?? null,
    metadata: applyMetadata({}, p.metadata(), p.path("metadata")),
    nickname: p.optStr("nickname") ?? null,
    product: productId,
    recurring,
    tax_behavior: p.enumOf("tax_behavior", ["exclusive", "inclusive", "unspecified"] as const) ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: amount,
    unit_amount_decimal: decimalString(String(amount)),
  };
  emu.state.prices.set(price.id, price);
  return price;
}

export function getPrice(emu: Emulator, id: string, param?: string): Stripe.Price {
  const price = emu.state.prices.get(id);
  if (!price) throw resourceMissing("price", id, param);
  return price;
}

export function updatePrice(emu: Emulator, id: string, p: Params): Stripe.Price {
  const price = getPrice(emu, id);
  const active = p.bool("active");
  if (active !== undefined) price.active = active;
  const nickname = p.optStr("nickname");
  if (nickname !== undefined) price.nickname = nickname;
  const lookupKey = p.optStr("lookup_key");
  if (lookupKey !== undefined) price.lookup_key = lookupKey;
  if (p.has("metadata")) price.metadata = applyMetadata(price.metadata, p.metadata());
  return price;
}

export function listPrices(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Price> {
  const active = p.bool("active");
  const product = p.optStr("product");
  const currency = p.optStr("currency");
  const type = p.enumOf("type", ["one_time", "recurring"] as const);
  const lookupKeys = p.strList("lookup_keys");
  const created = createdFilter(p);
  const items = newestFirst(emu.state.prices).filter(
    (x) =>
      (active === undefined || x.active === active) &&
      (!product || x.product === product) &&
      (!currency || x.currency === currency) &&
      (!type || x.type === type) &&
      (!lookupKeys || (x.lookup_key !== null && lookupKeys.includes(x.lookup_key))) &&
      created(x.created),
  );
  return paginate(items, p, "/v1/prices", "price");
}
