"use client";

import { useLocale, useTranslations } from "@/components/i18n/client";
import { useId, useMemo, useState } from "react";
import { formatMoneyFor } from "@/lib/money";
import { countryName } from "@/lib/checkout/country-name";

export interface AddressRate {
  id: string;
  label: string;
  amount: number;
  /** null = every country the checkout ships to. */
  countries: string[] | null;
}

export interface ShippingDetailsInput {
  name: string;
  address: { line1: string; line2: string | null; city: string; postal_code: string; state: string | null; country: string };
}

interface Props {
  countries: string[];
  rates: AddressRate[];
  currency: string;
  initial: ShippingDetailsInput | null;
  initialRate: string | null;
  submitLabel: string;
  disabled?: boolean;
  /** Resolves to an error sentence, or null when the details were accepted. */
  onSubmit: (details: ShippingDetailsInput, rateId: string | null) => Promise<string | null>;
  /** Tells the parent the shopper is choosing a rate (to preview the total). */
  onRateChange?: (rateId: string) => void;
}


/** Name, address and (when the order has rates) the shipping method for that country. */
export function ShippingAddressForm({ countries, rates, currency, initial, initialRate, submitLabel, disabled, onSubmit, onRateChange }: Props) {
  const t = useTranslations("Shipping");
  const te = useTranslations("Errors");
  const locale = useLocale();
  const id = useId();
  const [fields, setFields] = useState({
    name: initial?.name ?? "",
    line1: initial?.address.line1 ?? "",
    line2: initial?.address.line2 ?? "",
    city: initial?.address.city ?? "",
    postal_code: initial?.address.postal_code ?? "",
    state: initial?.address.state ?? "",
    country: initial?.address.country ?? countries[0] ?? "",
  });
  const [rate, setRate] = useState<string | null>(initialRate ?? rates[0]?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sortedCountries = useMemo(() => [...countries].sort((a, b) => countryName(a, locale).localeCompare(countryName(b, locale), locale)), [countries, locale]);
  const available = rates.filter((r) => r.countries === null || r.countries.includes(fields.country));
  const chosen = available.find((r) => r.id === rate)?.id ?? available[0]?.id ?? null;

  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const field = (key: keyof typeof fields, label: string, required: boolean, autoComplete: string) => (
    <p>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <br />
      <input id={`${id}-${key}`} type="text" name={key} value={fields[key]} onChange={set(key)} required={required} autoComplete={autoComplete} disabled={disabled || busy} />
    </p>
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!fields.name.trim() || !fields.line1.trim() || !fields.city.trim() || !fields.postal_code.trim() || !fields.country) {
      setError(te("missingFields"));
      return;
    }
    if (rates.length > 0 && !chosen) {
      setError(t("noRateForCountry"));
      return;
    }
    setBusy(true);
    setError(null);
    const details: ShippingDetailsInput = {
      name: fields.name.trim(),
      address: {
        line1: fields.line1.trim(),
        line2: fields.line2.trim() || null,
        city: fields.city.trim(),
        postal_code: fields.postal_code.trim(),
        state: fields.state.trim() || null,
        country: fields.country,
      },
    };
    const message = await onSubmit(details, chosen).catch(() => te("network"));
    setBusy(false);
    setError(message);
  }

  return (
    <form onSubmit={submit} noValidate data-testid="shipping-form">
      <fieldset>
        <legend>{t("addressLegend")}</legend>
        {field("name", t("name"), true, "shipping name")}
        {field("line1", t("line1"), true, "shipping address-line1")}
        {field("line2", t("line2"), false, "shipping address-line2")}
        {field("city", t("city"), true, "shipping address-level2")}
        {field("postal_code", t("postalCode"), true, "shipping postal-code")}
        {field("state", t("state"), false, "shipping address-level1")}
        <p>
          <label htmlFor={`${id}-country`}>{t("country")}</label>
          <br />
          <select id={`${id}-country`} name="country" value={fields.country} onChange={set("country")} autoComplete="shipping country" disabled={disabled || busy}>
            {sortedCountries.map((c) => (
              <option key={c} value={c}>{countryName(c, locale)}</option>
            ))}
          </select>
        </p>
      </fieldset>
      {rates.length > 0 && (
        <fieldset>
          <legend>{t("ratesLegend")}</legend>
          {available.length === 0 && <p className="notice">{t("noRateForCountry")}</p>}
          {available.map((r) => (
            <label key={r.id} className="choice">
              <input
                type="radio"
                name="shipping_rate"
                value={r.id}
                checked={chosen === r.id}
                disabled={disabled || busy}
                onChange={() => {
                  setRate(r.id);
                  onRateChange?.(r.id);
                }}
              />
              {r.label} ({r.amount === 0 ? t("free") : formatMoneyFor(r.amount, currency, locale)})
            </label>
          ))}
        </fieldset>
      )}
      {error && <p role="alert" className="alert">{error}</p>}
      <p>
        <button type="submit" disabled={disabled || busy}>{busy ? t("saving") : submitLabel}</button>
      </p>
    </form>
  );
}
