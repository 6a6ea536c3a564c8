import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { resourceMissing } from "./errors";
import { newId } from "./ids";
import { createdFilter, newestFirst, paginate } from "./list";
import { applyMetadata, type Params } from "./params";

export function buildCustomer(emu: Emulator, fields: { email?: string | null; name?: string | null; description?: string | null; phone?: string | null; metadata?: Record<string, string> }): Stripe.Customer {
  const customer: Stripe.Customer = {
    id: newId("cus"),
    object: "customer",
    address: null,
    balance: 0,
    created: emu.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description ?? null,
    email: fields.email ?? null,
    invoice_prefix: newId("x").slice(2, 10).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: fields.metadata ?? {},
    name: fields.name ?? null,
    next_invoice_sequence: 1,
    phone: fields.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  emu.state.customers.set(customer.id, customer);
  return customer;
}

export function createCustomer(emu: Emulator, p: Params): Stripe.Customer {
  return buildCustomer(emu, {
    email: p.optStr("email"),
    name: p.optStr("name"),
    description: p.optStr("description"),
    phone: p.optStr("phone"),
    metadata: applyMetadata({}, p.metadata()),
  });
}

export function getCustomer(emu: Emulator, id: string, param?: string): Stripe.Customer {
  const customer = emu.state.customers.get(id);
  if (!customer) throw resourceMissing("customer", id, param);
  return customer;
}

export function updateCustomer(emu: Emulator, id: string, p: Params): Stripe.Customer {
  const customer = getCustomer(emu, id);
  const email = p.optStr("email");
  if (email !== undefined) customer.email = email;
  const name = p.optStr("name");
  if (name !== undefined) customer.name = name;
  const description = p.optStr("description");
  if (description !== undefined) customer.description = description;
  const phone = p.optStr("phone");
  if (phone !== undefined) customer.phone = phone;
  if (p.has("metadata")) customer.metadata = applyMetadata(customer.metadata, p.metadata());
  return customer;
}

export function listCustomers(emu: Emulator, p: Params): Stripe.ApiList<Stripe.Customer> {
  const email = p.optStr("email");
  const created = createdFilter(p);
  const items = newestFirst(emu.state.customers).filter((x) => (!email || x.email === email) && created(x.created));
  return paginate(items, p, "/v1/customers", "customer");
}
