import { PAY_PAGE_CARDS } from "./cards";

const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);

export function formatAmount(amount: number, currency: string): string {
  const digits = ZERO_DECIMAL.has(currency.toLowerCase()) ? 0 : 2;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount / 10 ** digits);
  } catch {
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

export interface PayPageLine {
  description: string;
  quantity: number;
  /** null for a PaymentIntent's single line, whose amount is the total. */
  unitAmount: number | null;
}

export interface PayPageView {
  id: string;
  heading: string;
  currency: string;
  lines: PayPageLine[];
  shipping: { name: string; amount: number } | null;
  total: number;
  error: string | null;
  selected: string;
  returnUrl: string | null;
  cancelUrl: string | null;
  /** Set when the session collects a shipping address the server has not set: the countries it accepts. */
  askAddress: { allowedCountries: string[] } | null;
  /** The session's shipping options (shr_…), offered when there is more than one. */
  shippingChoices: { id: string; name: string; amount: number }[];
  /** What the payer typed, shown again after a refusal. */
  values?: Record<string, string>;
}

const ADDRESS_FIELDS: [string, string, boolean, string][] = [
  ["name", "Full name", true, "shipping name"],
  ["email", "Email", false, "email"],
  ["line1", "Address line 1", true, "shipping address-line1"],
  ["line2", "Address line 2 (optional)", false, "shipping address-line2"],
  ["city", "City", true, "shipping address-level2"],
  ["postal_code", "Postal code", true, "shipping postal-code"],
  ["state", "State or region (optional)", false, "shipping address-level1"],
  ["country", "Country (two-letter code)", true, "shipping country"],
];

function addressFieldset(v: PayPageView): string {
  if (!v.askAddress) return "";
  const values = v.values ?? {};
  const inputs = ADDRESS_FIELDS.map(
    ([name, label, required, autocomplete]) =>
      `<p><label for="addr-${name}">${escapeHtml(label)}</label><br><input id="addr-${name}" name="${name}" type="${name === "email" ? "email" : "text"}" autocomplete="${autocomplete}" value="${escapeHtml(values[name] ?? "")}"${required ? " required" : ""}></p>`,
  ).join("\n");
  return `<fieldset>
<legend>Shipping address</legend>
<p class="note">Ships to: ${escapeHtml(v.askAddress.allowedCountries.join(", "))}. Used as the billing address too.</p>
${inputs}
</fieldset>
`;
}

function shippingFieldset(v: PayPageView): string {
  if (v.shippingChoices.length < 2) return "";
  const picked = v.values?.shipping_rate ?? v.shippingChoices[0]?.id;
  const radios = v.shippingChoices
    .map(
      (c, i) =>
        `<div class="radio"><input type="radio" id="shr-${i}" name="shipping_rate" value="${escapeHtml(c.id)}"${c.id === picked ? " checked" : ""}> <label for="shr-${i}">${escapeHtml(c.name)} (${escapeHtml(formatAmount(c.amount, v.currency))})</label></div>`,
    )
    .join("\n");
  return `<fieldset>\n<legend>Shipping method</legend>\n${radios}\n</fieldset>\n`;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1a1a}
main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
table{width:100%;border-collapse:collapse;margin:1rem 0}th,td{padding:.4rem;text-align:left;border-bottom:1px solid #ddd}
td.num,th.num{text-align:right}fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0}
.radio{margin:.3rem 0}.error{color:#8a1c1c;background:#fde8e8;padding:.6rem;border-radius:6px}
.note{color:#555;font-size:.9rem}button{font:inherit;padding:.6rem 1.6rem;background:#0a5bd8;color:#fff;border:0;border-radius:6px;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The emulator's stand-in for Stripe's hosted payment page. */
export function renderPayPage(v: PayPageView): string {
  const money = (n: number) => escapeHtml(formatAmount(n, v.currency));
  // Lines show unit prices, not line amounts, so the total is the only place its figure appears.
  const priced = v.lines.some((l) => l.unitAmount !== null);
  const span = priced ? 2 : 1;
  const rows = v.lines
    .map((l) => {
      const price = priced ? `<td class="num">${l.unitAmount === null ? "" : money(l.unitAmount)}</td>` : "";
      return `<tr><td>${escapeHtml(l.description)}</td><td class="num">${l.quantity}</td>${price}</tr>`;
    })
    .join("\n");
  const shipping = v.shipping
    ? `<tr><th scope="row" colspan="${span}">Shipping (${escapeHtml(v.shipping.name)})</th><td class="num">${money(v.shipping.amount)}</td></tr>\n`
    : "";
  const priceHeader = priced ? `<th scope="col" class="num">Unit price</th>` : "";
  const cards = PAY_PAGE_CARDS.map(
    (c, i) =>
      `<div class="radio"><input type="radio" id="pm-${i}" name="payment_method" value="${c.id}"${c.id === v.selected ? " checked" : ""}> <label for="pm-${i}">${escapeHtml(c.label)}</label></div>`,
  ).join("\n");
  const error = v.error ? `<p role="alert" class="error">${escapeHtml(v.error)}</p>\n` : "";
  const returnField = v.returnUrl ? `<input type="hidden" name="return_url" value="${escapeHtml(v.returnUrl)}">\n` : "";
  const cancel = v.cancelUrl ? `<p><a href="${escapeHtml(v.cancelUrl)}">Cancel and go back</a></p>\n` : "";
  return layout(
    `Pay ${formatAmount(v.total, v.currency)} – Stripe emulator`,
    `<h1>${escapeHtml(v.heading)}</h1>
<p class="note">Test mode: Stripe emulator. No real card is charged.</p>
${error}<table>
<caption>Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th>${priceHeader}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
${shipping}<tr><th scope="row" colspan="${span}">Total</th><td class="num"><strong>${money(v.total)}</strong></td></tr>
</tfoot>
</table>
<form method="post" action="/pay/${encodeURIComponent(v.id)}">
${addressFieldset(v)}${shippingFieldset(v)}<fieldset>
<legend>Test payment method</legend>
${cards}
</fieldset>
${returnField}<button type="submit">Pay</button>
</form>
${cancel}`,
  );
}

export function renderMessagePage(title: string, message: string, alert: boolean, link?: { href: string; label: string }): string {
  const linkHtml = link ? `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : "";
  return layout(
    `${title} – Stripe emulator`,
    `<h1>${escapeHtml(title)}</h1>\n<p${alert ? ' role="alert"' : ""}>${escapeHtml(message)}</p>${linkHtml}`,
  );
}
