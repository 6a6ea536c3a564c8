-- Product names and descriptions in the shop's other languages. The default (English) text stays in
-- products; a product without a row for a language is shown with that default text.

create table public.product_translations (
  product_id bigint not null references public.products (id) on delete cascade,
  locale text not null check (locale ~ '^[a-z]{2}$' and locale <> 'en'),
  name text not null check (length(name) between 1 and 200),
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (product_id, locale)
);
create trigger product_translations_touch before update on public.product_translations
  for each row execute function public.touch_updated_at();

comment on table public.product_translations is
  'A product''s name and description in another language than the default (English, in products). One row per product and language; without a row shoppers of that language see the default text.';
comment on column public.product_translations.product_id is 'The product (products.id) this text belongs to.';
comment on column public.product_translations.locale is
  'Two-letter language code (ISO 639-1, lowercase) the shop offers, e.g. fr. English is the default text in products, not a row here.';
comment on column public.product_translations.name is 'Name shown to shoppers of this language (Stripe receipts keep the default name).';
comment on column public.product_translations.description is 'Text shown on the product page in this language; empty (null) = the default description.';

alter table public.product_translations enable row level security;
-- Shoppers read it like the rest of the catalog; writes only through the server's connection or the dashboard.
grant select on public.product_translations to anon, authenticated;
create policy "catalog: product translations readable by everyone" on public.product_translations
  for select to anon, authenticated using (true);
