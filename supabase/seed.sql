-- Sample catalog for local development: a small coffee and goods shop.
-- Amounts are minor units (1450 = 14.50). Applied once by `npm run dev` / `supabase db reset`.

insert into public.products (id, slug, name, description, image, image_alt, position) values
  (1,  'house-blend-coffee',   'House Blend Coffee',   'Our everyday roast: chocolate, hazelnut and a soft finish. Whole beans, roasted weekly.', '/images/house-blend-coffee.svg', 'A brown paper coffee bag with a white label', 1),
  (2,  'ethiopia-yirgacheffe', 'Ethiopia Yirgacheffe', 'Washed single origin with jasmine, bergamot and lemon. Light roast for filter.', '/images/ethiopia-yirgacheffe.svg', 'A light brown coffee bag with a white label', 2),
  (3,  'ceramic-mug',          'Ceramic Mug',          'Hand-glazed stoneware mug, 300 ml. Dishwasher safe.', '/images/ceramic-mug.svg', 'A grey stoneware mug with a round handle', 3),
  (4,  'pour-over-dripper',    'Pour-Over Dripper',    'Porcelain cone dripper for one or two cups. Fits size 02 filters.', '/images/pour-over-dripper.svg', 'A pale porcelain cone dripper on a round base', 4),
  (5,  'canvas-tote',          'Canvas Tote',          'Heavy cotton canvas tote with long handles. Holds a week of groceries.', '/images/canvas-tote.svg', 'A beige canvas tote bag with two handles', 5),
  (6,  'linen-apron',          'Linen Apron',          'Washed linen apron with two front pockets and cross-back straps.', '/images/linen-apron.svg', 'A green linen apron with a bib and straps', 6),
  (7,  'wool-beanie',          'Wool Beanie',          'Ribbed merino beanie with a folded cuff and a small pompom.', '/images/wool-beanie.svg', 'A rust red knitted beanie with a pompom', 7),
  (8,  'enamel-camp-cup',      'Enamel Camp Cup',      'Speckled enamel cup for camp coffee. Last one of this batch.', '/images/enamel-camp-cup.svg', 'A navy blue enamel cup with a handle', 8),
  (9,  'hand-grinder',         'Hand Grinder',         'Conical steel burr grinder with 40 grind settings. Back in spring.', '/images/hand-grinder.svg', 'A dark steel hand coffee grinder with a crank', 9),
  (10, 'glass-carafe',         'Glass Carafe',         'Borosilicate glass carafe, 600 ml, for pour-over or cold brew.', '/images/glass-carafe.svg', 'A clear blue-tinted glass carafe', 10),
  (11, 'coffee-subscription',  'Coffee Subscription',  'A fresh 250 g bag of our roaster''s pick, delivered every month. Pause or cancel anytime.', '/images/coffee-subscription.svg', 'A brown subscription box with a dark lid', 11),
  (12, 'gift-card',            'Gift Card',            'A gift card sent by e-mail, redeemable on anything in the shop.', '/images/gift-card.svg', 'A golden gift card with a white stripe', 12),
  (13, 'tea-sampler',          'Tea Sampler',          'Five loose-leaf teas in tins: green, oolong, black, rooibos and chamomile.', '/images/tea-sampler.svg', 'A green box of tea tins', 13),
  (14, 'field-notebook',       'Field Notebook',       'A5 notebook with 120 pages of 100 gsm paper and a stitched spine.', '/images/field-notebook.svg', 'A red notebook with a dark spine', 14);

insert into public.variants (id, product_id, sku, name, options, stock, position) values
  (1,  1,  'HB-250',  '250 g',          '{"size": "250 g"}', 40, 1),
  (2,  1,  'HB-1000', '1 kg',           '{"size": "1 kg"}', 12, 2),
  (3,  2,  'ETH-250', '250 g',          '{"size": "250 g"}', 25, 1),
  (4,  3,  'MUG-SND', 'Sand',           '{"colour": "Sand"}', 18, 1),
  (5,  3,  'MUG-SLT', 'Slate',          '{"colour": "Slate"}', 7, 2),
  (6,  3,  'MUG-MOS', 'Moss',           '{"colour": "Moss"}', 3, 3),
  (7,  4,  'DRP-02',  'Size 02',        '{"size": "02"}', 15, 1),
  (8,  5,  'TOT-NAT', 'Natural',        '{"colour": "Natural"}', 30, 1),
  (9,  5,  'TOT-BLK', 'Black',          '{"colour": "Black"}', 22, 2),
  (10, 6,  'APR-SM',  'S / M',          '{"size": "S/M"}', 9, 1),
  (11, 6,  'APR-LXL', 'L / XL',         '{"size": "L/XL"}', 6, 2),
  (12, 7,  'BNI-CHR', 'Charcoal',       '{"colour": "Charcoal"}', 14, 1),
  (13, 7,  'BNI-RST', 'Rust',           '{"colour": "Rust"}', 5, 2),
  (14, 7,  'BNI-NVY', 'Navy',           '{"colour": "Navy"}', 0, 3),
  (15, 8,  'CUP-ENM', 'One size',       '{}', 1, 1),
  (16, 9,  'GRN-STL', 'Steel',          '{"finish": "Steel"}', 0, 1),
  (17, 10, 'CRF-600', '600 ml',         '{"size": "600 ml"}', 11, 1),
  (18, 11, 'SUB-250', '250 g per delivery', '{"size": "250 g"}', 500, 1),
  (19, 12, 'GC-25',   '25',             '{"value": "25"}', 1000, 1),
  (20, 12, 'GC-50',   '50',             '{"value": "50"}', 1000, 2),
  (21, 13, 'TEA-5',   'Five tins',      '{}', 16, 1),
  (22, 14, 'NB-DOT',  'A5 dotted',      '{"ruling": "Dotted"}', 35, 1),
  (23, 14, 'NB-LIN',  'A5 lined',       '{"ruling": "Lined"}', 28, 2);

insert into public.prices (id, variant_id, currency, unit_amount, recurring_interval, recurring_interval_count) values
  ('price_hb250_eur',   1,  'eur', 1450, null, null),
  ('price_hb250_usd',   1,  'usd', 1600, null, null),
  ('price_hb1000_eur',  2,  'eur', 4800, null, null),
  ('price_hb1000_usd',  2,  'usd', 5200, null, null),
  ('price_eth250_eur',  3,  'eur', 1750, null, null),
  ('price_mugsnd_eur',  4,  'eur', 2400, null, null),
  ('price_mugsnd_usd',  4,  'usd', 2600, null, null),
  ('price_mugslt_eur',  5,  'eur', 2400, null, null),
  ('price_mugslt_usd',  5,  'usd', 2600, null, null),
  ('price_mugmos_eur',  6,  'eur', 2600, null, null),
  ('price_drp02_eur',   7,  'eur', 2900, null, null),
  ('price_totnat_eur',  8,  'eur', 1800, null, null),
  ('price_totblk_eur',  9,  'eur', 1800, null, null),
  ('price_aprsm_eur',   10, 'eur', 5400, null, null),
  ('price_aprlxl_eur',  11, 'eur', 5600, null, null),
  ('price_bnichr_eur',  12, 'eur', 3200, null, null),
  ('price_bnirst_eur',  13, 'eur', 3200, null, null),
  ('price_bninvy_eur',  14, 'eur', 3200, null, null),
  ('price_cupenm_eur',  15, 'eur', 1900, null, null),
  ('price_grnstl_eur',  16, 'eur', 8900, null, null),
  ('price_crf600_eur',  17, 'eur', 3400, null, null),
  ('price_crf600_usd',  17, 'usd', 3700, null, null),
  ('price_sub_month_eur', 18, 'eur', 1600, 'month', 1),
  ('price_sub_year_eur',  18, 'eur', 16000, 'year', 1),
  ('price_sub_month_usd', 18, 'usd', 1800, 'month', 1),
  ('price_gc25_eur',    19, 'eur', 2500, null, null),
  ('price_gc50_eur',    20, 'eur', 5000, null, null),
  ('price_tea5_eur',    21, 'eur', 2200, null, null),
  ('price_nbdot_eur',   22, 'eur', 1200, null, null),
  ('price_nblin_eur',   23, 'eur', 1200, null, null);

-- French names and descriptions (product_translations); the English text above is the default.
insert into public.product_translations (product_id, locale, name, description) values
  (1,  'fr', 'Café Mélange Maison',      'Notre torréfaction de tous les jours : chocolat, noisette et une finale douce. En grains, torréfié chaque semaine.'),
  (2,  'fr', 'Éthiopie Yirgacheffe',     'Origine unique lavée aux notes de jasmin, bergamote et citron. Torréfaction claire pour le filtre.'),
  (3,  'fr', 'Mug en céramique',         'Mug en grès émaillé à la main, 300 ml. Passe au lave-vaisselle.'),
  (4,  'fr', 'Dripper à filtre',         'Dripper conique en porcelaine pour une ou deux tasses. Pour filtres taille 02.'),
  (5,  'fr', 'Tote bag en toile',        'Tote bag en toile de coton épaisse à longues anses. Contient une semaine de courses.'),
  (6,  'fr', 'Tablier en lin',           'Tablier en lin lavé avec deux poches avant et bretelles croisées dans le dos.'),
  (7,  'fr', 'Bonnet en laine',          'Bonnet côtelé en mérinos avec revers et petit pompon.'),
  (8,  'fr', 'Tasse émaillée de camping','Tasse émaillée mouchetée pour le café au camp. La dernière de cette série.'),
  (9,  'fr', 'Moulin à main',            'Moulin à meules coniques en acier, 40 réglages de mouture. De retour au printemps.'),
  (10, 'fr', 'Carafe en verre',          'Carafe en verre borosilicate, 600 ml, pour le filtre ou le cold brew.'),
  (11, 'fr', 'Abonnement café',          'Un sachet frais de 250 g, choisi par notre torréfacteur, livré chaque mois. Pause ou résiliation à tout moment.'),
  (12, 'fr', 'Carte cadeau',             'Une carte cadeau envoyée par e-mail, valable sur toute la boutique.'),
  (13, 'fr', 'Coffret de thés',          'Cinq thés en vrac en boîtes : vert, oolong, noir, rooibos et camomille.'),
  (14, 'fr', 'Carnet de terrain',        'Carnet A5 de 120 pages en papier 100 g/m² à dos cousu.');

select setval(pg_get_serial_sequence('public.products', 'id'), (select max(id) from public.products));
select setval(pg_get_serial_sequence('public.variants', 'id'), (select max(id) from public.variants));

-- Gift cards are e-mailed and subscriptions are delivered on their own schedule: no address at checkout.
update public.products set requires_shipping = false where slug in ('gift-card', 'coffee-subscription');

insert into public.shipping_rates (id, name, amounts, countries, min_days, max_days, position) values
  ('standard', 'Standard shipping', '{"eur": 0, "usd": 0}', null, 3, 5, 1),
  ('express',  'Express shipping',  '{"eur": 950, "usd": 1000}', null, 1, 2, 2);
