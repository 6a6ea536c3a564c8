/**
 * Messages whose plain `{name}` arguments the browser fills in (an item's name, a number), rendered
 * on the server so that client components need no i18n code. Only for plain arguments: one that is
 * pluralised or formatted needs count-label.ts or the server.
 */
export function openTemplate(render: (values: Record<string, string>) => string, names: readonly string[]): string {
  return render(Object.fromEntries(names.map((name) => [name, `{${name}}`])));
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
