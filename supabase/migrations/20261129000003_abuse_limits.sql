-- Abuse limits: a per-variant cap on units per order, and the counters of the checkout rate limit.
-- products.active, variants.active and prices.active already exist (20261123000002_catalog.sql);
-- the shop now also refuses to sell an inactive item from a cart that already holds it.

alter table public.variants add column if not exists max_per_order integer
  check (max_per_order is null or max_per_order between 1 and 999);
comment on column public.variants.max_per_order is
  'Most units of this variant one order may hold (empty = no limit). Keeps one shopper from buying a whole flash sale.';

-- Fixed-window counters: one row per (bucket, window start). A check is one upsert that returns the
-- count; old windows are deleted now and then by the check itself. App instances keep no counters.
create table if not exists public.rate_limit_windows (
  bucket text not null check (length(bucket) between 1 and 200),
  window_start timestamptz not null,
  hits integer not null default 1 check (hits >= 0),
  primary key (bucket, window_start)
);
create index if not exists rate_limit_windows_start_idx on public.rate_limit_windows (window_start);

alter table public.rate_limit_windows enable row level security;
revoke all on public.rate_limit_windows from anon, authenticated;
grant all on public.rate_limit_windows to service_role;

comment on table public.rate_limit_windows is
  'Checkout attempts counted per cart, user or client address and per time window (rate limit). Managed by the shop; rows expire on their own.';
comment on column public.rate_limit_windows.bucket is 'What is counted, e.g. checkout:cart:<number>, checkout:user:<id>, checkout:ip:<address>.';
comment on column public.rate_limit_windows.window_start is 'Start of the fixed window these attempts fall in.';
comment on column public.rate_limit_windows.hits is 'Attempts seen in this window so far.';

-- The cap on unpaid orders holding stock looks up a guest's open orders by cart number (users'
-- go through orders_user_id_idx).
create index if not exists orders_cart_number_open_idx on public.orders (cart_number, created_at)
  where status in ('pending', 'failed') and cart_number is not null;
