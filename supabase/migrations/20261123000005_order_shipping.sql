-- The shipping option a payer picked on the editable checkout page (its price is orders.amount_shipping).
alter table public.orders add column if not exists shipping_option text;
comment on column public.orders.shipping_option is 'Shipping option chosen at checkout (standard, express); its price is in amount_shipping.';
comment on column public.orders.amount_shipping is 'Shipping charged, in minor units; included in amount_total.';
