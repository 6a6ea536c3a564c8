-- Row level security: catalog readable by everyone; carts and orders by their owner only;
-- writes only through the server's own connection (which owns the tables).

alter table public.products enable row level security;
alter table public.variants enable row level security;
alter table public.prices enable row level security;
alter table public.carts enable row level security;
alter table public.cart_items enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;
alter table public.order_events enable row level security;
alter table public.stripe_events enable row level security;

grant select on public.products, public.variants, public.prices to anon, authenticated;
grant select on public.carts, public.cart_items, public.orders, public.order_items, public.order_events to authenticated;
revoke insert, update, delete, truncate on public.products, public.variants, public.prices,
  public.carts, public.cart_items, public.orders, public.order_items, public.order_events, public.stripe_events
  from anon, authenticated;
revoke all on public.stripe_events from anon, authenticated;
grant all on all tables in schema public to service_role;
grant usage, select on all sequences in schema public to service_role;

create policy "catalog: products readable by everyone" on public.products for select to anon, authenticated using (true);
create policy "catalog: variants readable by everyone" on public.variants for select to anon, authenticated using (true);
create policy "catalog: prices readable by everyone" on public.prices for select to anon, authenticated using (true);

create policy "carts: owner reads" on public.carts for select to authenticated using (user_id = auth.uid());
create policy "cart_items: owner reads" on public.cart_items for select to authenticated
  using (exists (select 1 from public.carts c where c.id = cart_id and c.user_id = auth.uid()));
create policy "orders: owner reads" on public.orders for select to authenticated using (user_id = auth.uid());
create policy "order_items: owner reads" on public.order_items for select to authenticated
  using (exists (select 1 from public.orders o where o.id = order_id and o.user_id = auth.uid()));
create policy "order_events: owner reads" on public.order_events for select to authenticated
  using (exists (select 1 from public.orders o where o.id = order_id and o.user_id = auth.uid()));

-- One row per order for the dashboard. security_invoker keeps RLS in force for API roles.
create view public.order_overview with (security_invoker = true) as
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
     where e.order_id = o.id order by e.id desc limit 1) as last_event
from public.orders o
left join auth.users u on u.id = o.user_id;
revoke all on public.order_overview from anon, authenticated;
comment on view public.order_overview is 'One line per order with customer email, status, total, items, Stripe ids and the last event. Read-only.';
