/**
 * A translated sentence with a count in it (ICU `{count, plural, one {…} other {…}}`) for a count
 * the browser learns later, without shipping use-intl: the server renders the sentence once per
 * plural category of the language, the browser picks one with Intl.PluralRules. Only for messages
 * whose branches are plural categories (no `=n` exact matches), as Cart.linkLabel.
 */
export type CountLabels = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const COUNT = "{count}";
// Whole numbers that between them hit every integer plural category of the shop's languages (fr: many = 1,000,000).
const SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000];

/** Server side: `render(n)` is the translated message for count n. */
export function countLabels(locale: string, render: (count: number) => string): CountLabels {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const labels: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = SAMPLES.find((n) => rules.select(n) === category);
    if (sample !== undefined) labels[category] = render(sample).replace(number.format(sample), COUNT);
  }
  return { ...labels, other: labels.other ?? render(2).replace(number.format(2), COUNT) };
}

/** Browser side: the sentence for `count`. */
export function countLabel(labels: CountLabels, locale: string, count: number): string {
  const label = labels[new Intl.PluralRules(locale).select(count)] ?? labels.other;
  return label.replace(COUNT, new Intl.NumberFormat(locale).format(count));
}
