-- The order state machine and the Stripe webhook's effects as database functions, so that applying
-- a webhook is one statement (one round trip, atomic on its own): the stripe_events record and the
-- order change commit together, a redelivery changes nothing. Callers: lib/orders/apply.ts and
-- lib/orders/stripe-events.ts. Public schema only (applies as the hosted `postgres` role); not
-- callable by anon or authenticated (revoked below: functions are executable by PUBLIC by default).

-- DESIGN.md's state machine, as a pure function:
--   pending ──succeeded──▶ paid ──refunded (full)──▶ refunded (terminal; stock stays sold)
--   pending ──failed─────▶ failed ──succeeded──▶ paid
--   pending|failed ──canceled──▶ canceled (stock released)
--   canceled ──succeeded──▶ paid, flagged for review (money taken after the units were released)
create or replace function public.order_transition(p_from text, p_signal text,
  out to_status text, out changes boolean, out release_stock boolean, out review text)
language sql immutable as $$
  select
    case
      when p_signal = 'succeeded' and p_from in ('pending', 'failed', 'canceled') then 'paid'
      when p_signal = 'failed' and p_from = 'pending' then 'failed'
      when p_signal = 'canceled' and p_from in ('pending', 'failed') then 'canceled'
      when p_signal = 'refunded' and p_from = 'paid' then 'refunded'
      else p_from
    end,
    (p_signal = 'succeeded' and p_from in ('pending', 'failed', 'canceled'))
      or (p_signal = 'failed' and p_from = 'pending')
      or (p_signal = 'canceled' and p_from in ('pending', 'failed'))
      or (p_signal = 'refunded' and p_from = 'paid'),
    p_signal = 'canceled' and p_from in ('pending', 'failed'),
    case when p_signal = 'succeeded' and p_from = 'canceled'
      then 'Payment succeeded after the order was canceled (stock had been released)' end
$$;

create or replace function public.order_event(p_order_id uuid, p_type text, p_from text, p_to text,
  p_stripe_event_id text, p_detail jsonb)
returns void language sql as $$
  insert into public.order_events (order_id, type, from_status, to_status, stripe_event_id, detail)
  values (p_order_id, p_type, p_from, p_to, p_stripe_event_id, coalesce(p_detail, '{}'::jsonb))
$$;

create or replace function public.order_flag_for_review(p_order_id uuid, p_reason text)
returns void language sql as $$
  update public.orders set needs_review = true,
    review_reason = case when review_reason is null then p_reason else review_reason || '; ' || p_reason end
  where id = p_order_id
$$;

-- Gives an order's units back once (stock_held flips in the same transaction). Variant rows are
-- locked in id order first, like every other statement that changes several variants' stock.
create or replace function public.order_release_stock(p_order_id uuid)
returns boolean language plpgsql as $$
begin
  update public.orders set stock_held = false where id = p_order_id and stock_held;
  if not found then return false; end if;
  perform 1 from public.variants v
    where v.id in (select variant_id from public.order_items where order_id = p_order_id)
    order by v.id for no key update;
  update public.variants v set stock = v.stock + u.qty
    from (select variant_id, sum(quantity)::int as qty from public.order_items
          where order_id = p_order_id group by variant_id) u
    where v.id = u.variant_id;
  return true;
end $$;

-- Takes an order's units again (a payment that arrived after the order was canceled); all or none.
create or replace function public.order_retake_stock(p_order_id uuid)
returns boolean language plpgsql as $$
declare
  v_needed int;
  v_taken int;
begin
  select count(distinct variant_id) into v_needed from public.order_items where order_id = p_order_id;
  perform 1 from public.variants v
    where v.id in (select variant_id from public.order_items where order_id = p_order_id)
    order by v.id for no key update;
  begin
    with needs as (
      select variant_id, sum(quantity)::int as qty from public.order_items where order_id = p_order_id group by variant_id
    ), taken as (
      update public.variants v set stock = v.stock - needs.qty from needs
      where v.id = needs.variant_id and v.stock >= needs.qty returning v.id
    )
    select count(*) into v_taken from taken;
    if v_taken < v_needed then raise exception using errcode = 'P0001', message = 'short stock'; end if;
  exception when sqlstate 'P0001' then
    return false; -- the partial update is rolled back with the block
  end;
  update public.orders set stock_held = true where id = p_order_id;
  return true;
end $$;

-- A paid order takes out of its cart what it paid for, and only that: lines added after the checkout
-- opened (another tab) stay in the cart, which stays active; a cart left empty is checked out.
create or replace function public.cart_check_out_paid_lines(p_order_id uuid, p_cart_id uuid)
returns void language plpgsql as $$
declare
  v_left_over boolean;
begin
  perform 1 from public.carts where id = p_cart_id and status = 'active' for update;
  if not found then return; end if;
  delete from public.cart_items ci
  where ci.cart_id = p_cart_id
    and ci.quantity <= (select sum(oi.quantity) from public.order_items oi
                        where oi.order_id = p_order_id and oi.price_id = ci.price_id);
  update public.cart_items ci set quantity = ci.quantity - paid.qty, checkout_line_item_id = null
  from (select price_id, sum(quantity)::int as qty from public.order_items
        where order_id = p_order_id and price_id is not null group by price_id) paid
  where ci.cart_id = p_cart_id and ci.price_id = paid.price_id;
  v_left_over := exists (select 1 from public.cart_items where cart_id = p_cart_id);
  update public.carts c set
    status = case when v_left_over then 'active' else 'checked_out' end,
    version = c.version + 1,
    -- A cart that goes on with the lines nobody paid for is no longer bound to the paid checkout.
    order_id = case when v_left_over and c.order_id = p_order_id then null else c.order_id end,
    checkout_session_id = case when v_left_over and c.order_id = p_order_id then null else c.checkout_session_id end,
    checkout_ui_mode = case when v_left_over and c.order_id = p_order_id then null else c.checkout_ui_mode end
  where c.id = p_cart_id;
end $$;

-- Moves one order by one payment signal. Returns applied | ignored | review | no_order.
-- p_amount/p_currency: what Stripe says was charged; a paid signal that does not match flags the
-- order for review instead of paying it.
create or replace function public.order_apply_signal(p_order_id uuid, p_signal text, p_stripe_event_id text,
  p_amount integer, p_currency text, p_reason text, p_detail jsonb)
returns text language plpgsql as $$
declare
  o public.orders%rowtype;
  t record;
  v_reason text;
  v_retaken boolean;
begin
  select * into o from public.orders where id = p_order_id for update;
  if not found then return 'no_order'; end if;

  if p_signal = 'succeeded' and p_amount is not null
     and (p_amount <> o.amount_total or (p_currency is not null and p_currency <> o.currency)) then
    v_reason := format('Stripe reported %s %s, order total is %s %s', p_amount, coalesce(p_currency, 'null'), o.amount_total, o.currency);
    perform public.order_flag_for_review(o.id, v_reason);
    perform public.order_event(o.id, 'amount_mismatch', o.status, o.status, p_stripe_event_id, jsonb_build_object('reason', v_reason));
    return 'review';
  end if;

  select * into t from public.order_transition(o.status, p_signal);
  if not t.changes then
    perform public.order_event(o.id, p_signal || '_ignored', o.status, o.status, p_stripe_event_id,
      jsonb_build_object('reason', coalesce(p_reason, 'order is ' || o.status)) || coalesce(p_detail, '{}'::jsonb));
    return 'ignored';
  end if;

  update public.orders set status = t.to_status,
    paid_at = case when t.to_status = 'paid' then now() else paid_at end,
    payment_processing = false, close_requested_at = null
  where id = o.id;
  if t.release_stock then perform public.order_release_stock(o.id); end if;
  if t.review is not null then
    v_retaken := not o.stock_held and public.order_retake_stock(o.id);
    perform public.order_flag_for_review(o.id, t.review || case when v_retaken then '; units taken again' else '; not enough stock to take again' end);
  end if;
  if t.to_status = 'paid' and o.cart_id is not null then perform public.cart_check_out_paid_lines(o.id, o.cart_id); end if;
  perform public.order_event(o.id, 'status_changed', o.status, t.to_status, p_stripe_event_id,
    jsonb_build_object('signal', p_signal) || case when p_reason is null then '{}'::jsonb else jsonb_build_object('reason', p_reason) end
      || coalesce(p_detail, '{}'::jsonb));
  return 'applied';
end $$;

-- A Checkout Session Stripe reports paid. A cart that may disagree with what Stripe charged
-- (awaiting reconciliation) is flagged, never fulfilled silently.
create or replace function public.order_settle_paid_session(p_order_id uuid, p_amount integer, p_currency text,
  p_stripe_event_id text, p_reason text)
returns text language plpgsql as $$
declare
  v_reason constant text := 'Checkout completed while the cart needed reconciliation';
begin
  if exists (select 1 from public.orders o join public.carts c on c.id = o.cart_id
             where o.id = p_order_id and c.sync_state = 'reconciliation_required') then
    perform public.order_flag_for_review(p_order_id, v_reason);
    perform public.order_event(p_order_id, 'review_required', null, null, p_stripe_event_id, jsonb_build_object('reason', v_reason));
    return 'review';
  end if;
  return public.order_apply_signal(p_order_id, 'succeeded', p_stripe_event_id, p_amount, p_currency, p_reason, null);
end $$;

-- A delayed payment is settling: the order keeps its stock and the expiry cron leaves it alone.
create or replace function public.order_mark_processing(p_order_id uuid, p_stripe_event_id text, p_reason text)
returns text language plpgsql as $$
begin
  update public.orders set payment_processing = true
  where id = p_order_id and status in ('pending', 'failed') and not payment_processing;
  if not found then return 'ignored'; end if;
  perform public.order_event(p_order_id, 'payment_processing', null, null, p_stripe_event_id, jsonb_build_object('reason', p_reason));
  return 'applied';
end $$;

-- Where and how Stripe says a paid (or settling) order ships, copied onto the order in the same
-- statement as its status change: name and address, and for Checkout the rate the payer picked among
-- the order's own rates (orders.shipping_rates), so the order's total is what Stripe charged. A charge
-- matching none of the order's rates is left alone (the amount check then flags the order). An order
-- that ships but was paid without an address is flagged for review.
create or replace function public.order_record_shipping(p_order_id uuid, p_name text, p_address jsonb,
  p_charged_amount integer, p_stripe_rate text, p_settling text)
returns void language plpgsql as $$
declare
  o public.orders%rowtype;
  v_rate jsonb;
  v_reason constant text := 'paid without a shipping address';
begin
  select * into o from public.orders where id = p_order_id for update;
  if not found or o.status not in ('pending', 'failed') then return; end if;
  if p_address is not null then
    update public.orders set shipping_name = p_name, shipping_address = p_address where id = p_order_id;
  elsif coalesce(cardinality(o.shipping_countries), 0) > 0 and o.shipping_address is null and p_settling = 'paid' then
    perform public.order_flag_for_review(p_order_id, v_reason);
    perform public.order_event(p_order_id, 'review_required', null, null, null, jsonb_build_object('reason', v_reason));
  end if;
  if p_charged_amount is null then return; end if;
  select r into v_rate from jsonb_array_elements(coalesce(o.shipping_rates, '[]'::jsonb)) with ordinality as x(r, n)
  order by (p_stripe_rate is not null and r->>'stripe_rate' = p_stripe_rate) desc,
           (r->>'id' = o.shipping_option and (r->>'amount')::int = p_charged_amount) desc,
           ((r->>'amount')::int = p_charged_amount) desc, n
  limit 1;
  if v_rate is null or (v_rate->>'amount')::int <> p_charged_amount then return; end if;
  update public.orders set shipping_option = v_rate->>'id', amount_shipping = p_charged_amount,
    amount_total = p_charged_amount + (select coalesce(sum(unit_amount * quantity), 0) from public.order_items where order_id = p_order_id)
  where id = p_order_id;
end $$;

-- One verified Stripe event, applied at most once, in one statement. p carries the fields the shop
-- reads (validated by lib/stripe/events.ts). Returns the outcome and the order it touched.
create or replace function public.stripe_event_apply(p_event_id text, p_type text, p jsonb,
  out outcome text, out order_id uuid)
language plpgsql as $$
declare
  v_hint uuid := case when p->>'order_hint' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                      then (p->>'order_hint')::uuid end;
  v_source text;
  v_status text;
  v_refunded int;
  v_changed boolean;
begin
  insert into public.stripe_events (id, type, outcome) values (p_event_id, p_type, 'processing')
  on conflict (id) do nothing;
  if not found then outcome := 'duplicate'; return; end if;

  if p_type like 'checkout.session.%' then
    select o.id into order_id from public.orders o
    where o.stripe_checkout_session_id = p->>'id' or o.id = v_hint
    order by (o.stripe_checkout_session_id = p->>'id') desc nulls last limit 1;
  elsif p_type like 'payment_intent.%' then
    select o.id, o.source into order_id, v_source from public.orders o
    where o.stripe_payment_intent_id = p->>'id' or o.id = v_hint
    order by (o.stripe_payment_intent_id = p->>'id') desc nulls last limit 1;
  elsif p->>'payment_intent' is not null then
    select o.id into order_id from public.orders o where o.stripe_payment_intent_id = p->>'payment_intent';
  end if;

  if order_id is null then
    outcome := case when p_type in ('checkout.session.completed', 'checkout.session.async_payment_succeeded',
      'checkout.session.async_payment_failed', 'checkout.session.expired', 'payment_intent.processing',
      'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'charge.refunded',
      'refund.created', 'charge.dispute.created', 'charge.dispute.closed') then 'no_order' else 'unhandled' end;
  elsif p_type like 'checkout.session.%' then
    update public.orders set stripe_checkout_session_id = coalesce(stripe_checkout_session_id, p->>'id'),
      stripe_subscription_id = coalesce(stripe_subscription_id, p->>'subscription'),
      stripe_payment_intent_id = coalesce(stripe_payment_intent_id, p->>'payment_intent')
    where id = order_id;
    outcome := case
      when p_type = 'checkout.session.expired' then
        public.order_apply_signal(order_id, 'canceled', p_event_id, null, null, 'checkout session expired', null)
      -- A completed session cannot be paid again: the units go back in the same transaction.
      when p_type = 'checkout.session.async_payment_failed' then
        public.order_apply_signal(order_id, 'canceled', p_event_id, null, null, 'async payment failed', null)
      else null
    end;
    if outcome is null then
      -- Completed (paid or settling): keep where and how it ships, then settle or wait for the debit.
      perform public.order_record_shipping(order_id, p->>'shipping_name', nullif(p->'shipping_address', 'null'::jsonb),
        (p->>'shipping_amount')::int, p->>'shipping_rate', case when p->>'payment_status' = 'unpaid' then 'processing' else 'paid' end);
      outcome := case when p->>'payment_status' = 'unpaid'
        then public.order_mark_processing(order_id, p_event_id, 'checkout completed, payment settling')
        else public.order_settle_paid_session(order_id, (p->>'amount_total')::int, p->>'currency', p_event_id, null) end;
    end if;
  elsif p_type like 'payment_intent.%' then
    if v_source <> 'payment_intent' then
      -- Checkout Session orders follow checkout.session.* events; their PaymentIntent events are informational.
      outcome := 'ignored';
    else
      update public.orders set stripe_payment_intent_id = coalesce(stripe_payment_intent_id, p->>'id') where id = order_id;
      if p_type in ('payment_intent.processing', 'payment_intent.succeeded') then
        perform public.order_record_shipping(order_id, p->>'shipping_name', nullif(p->'shipping_address', 'null'::jsonb), null, null,
          case when p_type = 'payment_intent.succeeded' then 'paid' else 'processing' end);
      end if;
      outcome := case p_type
        when 'payment_intent.processing' then public.order_mark_processing(order_id, p_event_id, 'payment settling')
        when 'payment_intent.succeeded' then
          public.order_apply_signal(order_id, 'succeeded', p_event_id, (p->>'amount_received')::int, p->>'currency', null, null)
        when 'payment_intent.payment_failed' then
          public.order_apply_signal(order_id, 'failed', p_event_id, null, null, null,
            case when p->>'decline' is null then null else jsonb_build_object('decline', p->>'decline') end)
        when 'payment_intent.canceled' then public.order_apply_signal(order_id, 'canceled', p_event_id, null, null, null, null)
        else 'unhandled'
      end;
    end if;
  elsif p_type = 'charge.refunded' then
    -- The charge's running amount_refunded: applying it is idempotent and order-independent (the
    -- largest figure Stripe reported wins). A full refund ends the order; stock is not put back.
    update public.orders o set amount_refunded = greatest(o.amount_refunded, (p->>'amount_refunded')::int)
    where o.id = order_id and o.amount_refunded < (p->>'amount_refunded')::int;
    v_changed := found;
    perform public.order_event(order_id, case when v_changed then 'refunded_amount' else 'refunded_amount_ignored' end,
      null, null, p_event_id, jsonb_build_object('amount_refunded', (p->>'amount_refunded')::int,
      'charge_amount', (p->>'amount')::int, 'currency', p->>'currency'));
    if (p->>'refunded')::boolean or (p->>'amount_refunded')::int >= (p->>'amount')::int then
      outcome := public.order_apply_signal(order_id, 'refunded', p_event_id, null, null, 'charge fully refunded', null);
      if outcome = 'ignored' and v_changed then outcome := 'applied'; end if;
    else
      outcome := case when v_changed then 'applied' else 'ignored' end;
    end if;
  elsif p_type = 'refund.created' then
    -- The amounts move with charge.refunded; a refund's creation is kept in the timeline.
    perform public.order_event(order_id, 'refund_created', null, null, p_event_id, jsonb_build_object(
      'refund', p->>'id', 'amount', (p->>'amount')::int, 'currency', p->>'currency', 'reason', p->>'reason', 'status', p->>'status'));
    outcome := 'applied';
  elsif p_type in ('charge.dispute.created', 'charge.dispute.closed') then
    -- A dispute flags the order for review with its reason; its closing records the outcome.
    update public.orders set dispute_status = p->>'status' where id = order_id;
    if p_type = 'charge.dispute.created' then
      perform public.order_flag_for_review(order_id, format('Payment disputed (%s)', p->>'reason'));
    end if;
    perform public.order_event(order_id, case when p_type = 'charge.dispute.created' then 'dispute_opened' else 'dispute_closed' end,
      null, null, p_event_id, jsonb_build_object('dispute', p->>'id', 'status', p->>'status', 'reason', p->>'reason',
      'amount', (p->>'amount')::int, 'currency', p->>'currency'));
    outcome := 'applied';
  else
    outcome := 'unhandled';
  end if;

  update public.stripe_events set outcome = stripe_event_apply.outcome, order_id = stripe_event_apply.order_id
  where id = p_event_id;
end $$;

comment on function public.stripe_event_apply(text, text, jsonb) is
  'Applies one verified Stripe webhook event at most once (called by the shop''s webhook route, never by shoppers).';

do $$
declare
  f text;
begin
  foreach f in array array[
    'public.order_transition(text, text)',
    'public.order_event(uuid, text, text, text, text, jsonb)',
    'public.order_flag_for_review(uuid, text)',
    'public.order_release_stock(uuid)',
    'public.order_retake_stock(uuid)',
    'public.cart_check_out_paid_lines(uuid, uuid)',
    'public.order_apply_signal(uuid, text, text, integer, text, text, jsonb)',
    'public.order_settle_paid_session(uuid, integer, text, text, text)',
    'public.order_mark_processing(uuid, text, text)',
    'public.order_record_shipping(uuid, text, jsonb, integer, text, text)',
    'public.stripe_event_apply(text, text, jsonb)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', f);
    execute format('grant execute on function %s to service_role', f);
  end loop;
end $$;
