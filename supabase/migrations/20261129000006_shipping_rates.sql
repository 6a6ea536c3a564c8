-- Shipping the merchant edits from the dashboard, which products need it, and what each order offered.

create table public.shipping_rates (
  id text primary key check (id ~ '^[a-z0-9_]+$'),
  name text not null check (length(name) between 1 and 100),
  amounts jsonb not null default '{}'::jsonb check (jsonb_typeof(amounts) = 'object'),
  countries text[] check (countries is null or array_position(countries, null) is null),
  min_days integer check (min_days is null or min_days > 0),
  max_days integer check (max_days is null or max_days > 0),
  active boolean not null default true,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (min_days is null or max_days is null or min_days <= max_days)
);
create trigger shipping_rates_touch before update on public.shipping_rates
  for each row execute function public.touch_updated_at();

comment on table public.shipping_rates is
  'Shipping choices offered at checkout for carts with goods to ship. A rate is offered in a currency only when amounts has that currency.';
comment on column public.shipping_rates.id is 'Short code, lowercase letters, digits and underscores, e.g. standard.';
comment on column public.shipping_rates.name is 'Name shown to shoppers and on Stripe''s page, e.g. "Express shipping".';
comment on column public.shipping_rates.amounts is
  'Price per currency in minor units, e.g. {"eur": 950, "usd": 1000}; 0 means free. No entry = not offered in that currency.';
comment on column public.shipping_rates.countries is
  'Two-letter country codes (ISO 3166-1 alpha-2, uppercase) this rate ships to; empty (null) = every country the shop ships to (SHIPPING_COUNTRIES).';
comment on column public.shipping_rates.min_days is 'Delivery estimate shown to shoppers: at least this many business days.';
comment on column public.shipping_rates.max_days is 'Delivery estimate shown to shoppers: at most this many business days.';
comment on column public.shipping_rates.active is 'Untick to stop offering this rate (orders already placed keep theirs).';
comment on column public.shipping_rates.position is 'Order in which rates are offered (lowest first; the first is preselected).';

alter table public.shipping_rates enable row level security;
-- Shoppers see rates at checkout, like the catalog; writes only through the server's connection or the dashboard.
grant select on public.shipping_rates to anon, authenticated;
create policy "catalog: shipping rates readable by everyone" on public.shipping_rates for select to anon, authenticated using (true);

alter table public.products add column requires_shipping boolean not null default true;
comment on column public.products.requires_shipping is
  'Ticked for goods that are posted (checkout asks for an address and a shipping rate); untick for gift cards sent by e-mail and subscriptions.';

-- What checkout offered, fixed when the order is created, so every request to Stripe for the order is built from the order alone.
alter table public.orders
  add column shipping_countries text[],
  add column shipping_rates jsonb check (shipping_rates is null or jsonb_typeof(shipping_rates) = 'array');
comment on column public.orders.shipping_countries is
  'Countries checkout accepted a shipping address from; empty (null) when nothing in the order ships.';
comment on column public.orders.shipping_rates is
  'Shipping rates offered for this order, as priced when it was created: [{id, name, amount, min_days, max_days, countries, stripe_rate}].';
comment on column public.orders.shipping_option is 'Shipping rate chosen (shipping_rates.id); its price is in amount_shipping.';
