-- order_create (20261129000009) refuses a variant that is already short without waiting for its row
-- lock. Everything else is as before: lock the cart (when it comes from one) and check it is still
-- the version the shop read, take every line's stock (variant rows locked in id order, all or
-- nothing), insert the pending order, its items and its first event, and bind the cart, in one
-- statement. Called by lib/orders/create.ts; not callable by anon or authenticated.

create or replace function public.order_create(p jsonb)
returns jsonb language plpgsql as $$
declare
  v_cart jsonb := p->'cart';
  v_ship jsonb := nullif(p->'shipping', 'null'::jsonb);
  v_locked record;
  v_short jsonb;
  v_id uuid := gen_random_uuid();
  v_items_total integer;
  v_order public.orders%rowtype;
begin
  if v_cart is not null and v_cart <> 'null'::jsonb then
    select version, order_id into v_locked from public.carts
    where id = (v_cart->>'id')::uuid and status = 'active' for update;
    if not found or v_locked.version <> (v_cart->>'version')::int then
      return jsonb_build_object('moved', true, 'order_id', null);
    end if;
    if v_locked.order_id is distinct from nullif(v_cart->>'order_id', '')::uuid then
      return jsonb_build_object('moved', true, 'order_id', v_locked.order_id);
    end if;
  else
    v_cart := null;
  end if;

  -- A variant already short in the last committed state refuses at once, without waiting for its
  -- row lock: in a flash sale hundreds of checkouts would otherwise queue on the sold-out row (and
  -- hold the pool's connections) only to find it empty. Such a refusal is the answer it would have
  -- got just before the transactions still holding the row commit; whether units can be taken is
  -- only ever decided below, under the lock, so nothing can be oversold.
  select coalesce(jsonb_agg(jsonb_build_object('variantId', v.id, 'available', v.stock) order by v.id), '[]'::jsonb)
  into v_short
  from (
    select (x->>'variant_id')::bigint as variant_id, sum((x->>'quantity')::int)::int as qty
    from jsonb_array_elements(p->'lines') x group by 1
  ) w join public.variants v on v.id = w.variant_id
  where v.stock < w.qty;
  if jsonb_array_length(v_short) > 0 then return jsonb_build_object('short', v_short); end if;

  with want as (
    select (x->>'variant_id')::bigint as variant_id, sum((x->>'quantity')::int)::int as qty
    from jsonb_array_elements(p->'lines') x group by 1
  ), locked as materialized (
    select v.id, v.stock from public.variants v where v.id in (select variant_id from want) order by v.id for no key update
  ), short as (
    select l.id, l.stock from locked l join want w on w.variant_id = l.id where l.stock < w.qty
  ), taken as (
    update public.variants v set stock = v.stock - w.qty
    from want w join locked l on l.id = w.variant_id
    where v.id = w.variant_id and not exists (select 1 from short)
    returning v.id
  )
  select coalesce(jsonb_agg(jsonb_build_object('variantId', id, 'available', stock) order by id), '[]'::jsonb)
  into v_short from short;
  if jsonb_array_length(v_short) > 0 then return jsonb_build_object('short', v_short); end if;

  select coalesce(sum((x->>'unit_amount')::int * (x->>'quantity')::int), 0)::int into v_items_total
  from jsonb_array_elements(p->'lines') x;
  insert into public.orders (id, user_id, cart_id, cart_number, cart_version, source, checkout_ui_mode, return_origin,
    currency, amount_total, idempotency_key, expires_at, shipping_countries, shipping_rates, shipping_option, amount_shipping)
  values (v_id, nullif(p->>'user_id', '')::uuid, nullif(p->>'cart_id', '')::uuid, p->>'cart_number', (p->>'cart_version')::int,
    p->>'source', p->>'checkout_ui_mode', p->>'return_origin', p->>'currency',
    v_items_total + coalesce((v_ship->>'amount')::int, 0), p->>'idempotency_key',
    now() + make_interval(mins => (p->>'ttl_minutes')::int + 1),
    case when v_ship is null then null else array(select jsonb_array_elements_text(v_ship->'countries')) end,
    v_ship->'rates', v_ship->>'option', coalesce((v_ship->>'amount')::int, 0))
  returning * into v_order;
  insert into public.order_items (order_id, position, product_id, variant_id, price_id, name, variant_name, sku, currency,
    unit_amount, quantity, recurring_interval, recurring_interval_count, customization)
  select v_id, (n - 1)::int, (x->>'product_id')::bigint, (x->>'variant_id')::bigint, x->>'price_id', x->>'name',
    x->>'variant_name', x->>'sku', x->>'currency', (x->>'unit_amount')::int, (x->>'quantity')::int,
    x->>'recurring_interval', (x->>'recurring_interval_count')::int, coalesce(x->'customization', '{}'::jsonb)
  from jsonb_array_elements(p->'lines') with ordinality as t(x, n);
  perform public.order_event(v_id, 'created', null, 'pending', null, jsonb_build_object('source', p->>'source'));
  if v_cart is not null then
    update public.carts set order_id = v_id, checkout_session_id = null, checkout_ui_mode = v_cart->>'ui_mode'
    where id = (v_cart->>'id')::uuid;
    update public.cart_items set checkout_line_item_id = null
    where cart_id = (v_cart->>'id')::uuid and checkout_line_item_id is not null;
  end if;
  return jsonb_build_object('order', to_jsonb(v_order));
end $$;

revoke all on function public.order_create(jsonb) from public, anon, authenticated;
grant execute on function public.order_create(jsonb) to service_role;
