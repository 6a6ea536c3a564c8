-- Payments over days: delayed (processing) payments, refunds, disputes, and closing unpaid orders at
-- Stripe with a per-order backoff so one order that cannot be closed never blocks the others.
-- Public schema only (applies unchanged as the hosted `postgres` role).

alter table public.orders drop constraint if exists orders_status_check;
alter table public.orders add constraint orders_status_check
  check (status in ('pending', 'paid', 'failed', 'canceled', 'refunded'));

alter table public.orders
  add column if not exists payment_processing boolean not null default false,
  add column if not exists amount_refunded integer not null default 0 check (amount_refunded >= 0),
  add column if not exists dispute_status text,
  add column if not exists close_requested_at timestamptz,
  add column if not exists close_attempts integer not null default 0 check (close_attempts >= 0),
  add column if not exists next_close_at timestamptz,
  add column if not exists last_close_error text,
  add column if not exists stripe_checked_at timestamptz,
  add column if not exists return_origin text;

comment on column public.orders.status is
  'pending: waiting for payment (or its settlement); paid: Stripe confirmed payment; failed: last attempt declined (stock still held); canceled: stock released; refunded: fully refunded after payment (terminal; stock is not put back, goods may have shipped).';
comment on column public.orders.payment_processing is
  'A delayed payment (bank debit) is settling: the order stays pending with its stock and is never expired meanwhile.';
comment on column public.orders.amount_refunded is 'Refunded so far, in minor units, as Stripe reports it on the charge. A partial refund keeps the order paid.';
comment on column public.orders.dispute_status is 'Stripe dispute status (needs_response, won, lost, …) when the payment was disputed; a dispute also flags the order for review.';
comment on column public.orders.close_requested_at is 'Set when the order must be closed at Stripe before its expiry (its cart changed); the cron retries it.';
comment on column public.orders.close_attempts is 'Failed attempts to close this unpaid order at Stripe; drives the backoff in next_close_at.';
comment on column public.orders.next_close_at is 'The expiry cron leaves this order alone until then (backoff after an unknown answer from Stripe).';
comment on column public.orders.last_close_error is 'Why the last attempt to close this order at Stripe did not finish.';
comment on column public.orders.stripe_checked_at is 'Last time the server read this order''s Checkout Session or PaymentIntent from Stripe (missed-webhook healing).';
comment on column public.orders.return_origin is 'The shop origin used in the Stripe redirect URLs, so a retried create sends the same parameters.';

drop index if exists public.orders_pending_expiry_idx;
create index if not exists orders_open_close_idx on public.orders (coalesce(next_close_at, least(expires_at, close_requested_at)))
  where status in ('pending', 'failed');
create index if not exists orders_open_created_idx on public.orders (created_at)
  where status in ('pending', 'failed');

-- order_overview shows these columns from 20261129000005_order_shipping_address.sql on.
