-- The merchant's back office (/admin): fulfillment of paid orders, a low-stock threshold per variant,
-- who did what in the order timeline, and read access for merchants through RLS.
-- Public schema only (applies unchanged as the hosted `postgres` role).

alter table public.orders
  add column if not exists fulfillment_status text not null default 'unfulfilled'
    check (fulfillment_status in ('unfulfilled', 'shipped', 'delivered', 'returned')),
  add column if not exists carrier text,
  add column if not exists tracking_number text,
  add column if not exists shipped_at timestamptz,
  add column if not exists delivered_at timestamptz;

comment on column public.orders.fulfillment_status is
  'unfulfilled → shipped → delivered, or returned. Only paid orders can be shipped (set from /admin, never by Stripe).';
comment on column public.orders.carrier is 'Carrier of the parcel (ups, usps, fedex, dhl, laposte, other); the tracking link is built from it.';
comment on column public.orders.tracking_number is 'The carrier''s tracking number, shown to the shopper with a tracking link.';
comment on column public.orders.shipped_at is 'When the merchant marked the order shipped.';
comment on column public.orders.delivered_at is 'When the merchant marked the order delivered.';

-- The orders list pages by (created_at, id) descending; the dashboard sums paid orders by paid_at.
create index if not exists orders_created_id_idx on public.orders (created_at desc, id desc);
create index if not exists orders_paid_at_idx on public.orders (paid_at) where paid_at is not null;
create index if not exists orders_review_idx on public.orders (created_at desc) where needs_review;

alter table public.variants
  add column if not exists low_stock_at integer not null default 3 check (low_stock_at >= 0);
comment on column public.variants.low_stock_at is
  'The back office lists this variant as running out when its free stock is at or below this number (default 3).';

-- Who did it: the merchant's user id for back-office actions; null for Stripe and the shop itself.
alter table public.order_events
  add column if not exists actor_id uuid references auth.users (id) on delete set null;
comment on column public.order_events.actor_id is 'The merchant who took this action in the back office; empty for Stripe events and automatic changes.';

-- One back-office refund per request id, however often its form is submitted.
create unique index if not exists order_events_admin_refund_request_idx
  on public.order_events (order_id, (detail ->> 'request_id')) where type = 'admin_refund_requested';

-- Merchants (app_metadata.role = 'merchant', which only the server side can set: users edit
-- user_metadata, never app_metadata) read every order through the Data API. The app's server still
-- checks the role on every request; its own connection owns the tables and is not subject to RLS.
create policy "orders: merchants read all" on public.orders for select to authenticated
  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'merchant');
create policy "order_items: merchants read all" on public.order_items for select to authenticated
  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'merchant');
create policy "order_events: merchants read all" on public.order_events for select to authenticated
  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'merchant');
-- authenticated already has SELECT on these tables (migration 20261129000002); no new table here,
-- so no grant is needed beyond it.
grant select on public.orders, public.order_items, public.order_events to authenticated;
