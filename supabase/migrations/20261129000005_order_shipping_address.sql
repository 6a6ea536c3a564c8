-- Where a paid order goes: the name and address Stripe collected (Checkout Session
-- `collected_information.shipping_details`, PaymentIntent `shipping`), copied onto the order when it is paid.
alter table public.orders
  add column if not exists shipping_name text,
  add column if not exists shipping_address jsonb
    check (shipping_address is null or (jsonb_typeof(shipping_address) = 'object'
      and shipping_address ? 'line1' and shipping_address ? 'country'));

comment on column public.orders.shipping_name is 'Recipient name, as collected by Stripe at checkout.';
comment on column public.orders.shipping_address is
  'Shipping address as Stripe collected it: {line1, line2, city, postal_code, state, country (ISO 3166-1 alpha-2)}.';

-- The dashboard's one line per order, with refunds, disputes, delayed payments (20261129000001) and
-- shipping. Appends columns only (create or replace view keeps existing columns in place).
create or replace view public.order_overview with (security_invoker = true) as
select
  o.id as order_id,
  o.created_at,
  u.email as customer_email,
  o.status,
  o.needs_review,
  o.currency,
  o.amount_total,
  (select coalesce(jsonb_agg(jsonb_build_object('name', i.name, 'variant', i.variant_name, 'sku', i.sku,
      'quantity', i.quantity, 'unit_amount', i.unit_amount) order by i.position), '[]'::jsonb)
     from public.order_items i where i.order_id = o.id) as items,
  o.source,
  o.stripe_checkout_session_id,
  o.stripe_payment_intent_id,
  (select e.type || coalesce(': ' || e.to_status, '') from public.order_events e
     where e.order_id = o.id order by e.id desc limit 1) as last_event,
  o.review_reason,
  o.payment_processing,
  o.amount_refunded,
  o.dispute_status,
  o.amount_shipping,
  o.shipping_option,
  o.shipping_name,
  o.shipping_address
from public.orders o
left join auth.users u on u.id = o.user_id;
revoke all on public.order_overview from anon, authenticated;
comment on view public.order_overview is
  'One line per order with customer email, status, total, items, Stripe ids, the last event, review reason, refunds, disputes and shipping. Read-only.';
