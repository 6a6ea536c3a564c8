// Plain JavaScript: next.config.js imports it at build and start time (types in market-rewrites.d.ts).
import fs from "node:fs";

/**
 * Which internal market (app/[market]: en-eur, en-usd, fr-eur, fr-usd) serves a public URL, decided
 * by beforeFiles rewrites so that guests never run proxy.ts (Next.js docs, next.config.js `rewrites`:
 * "Header, Cookie, and Query Matching"; a `has` value is a regular expression matched against the whole
 * value, server/lib/router-utils/prepare-destination.ts matchHas `^${value}$`).
 *
 * beforeFiles rewrites do not stop at the first match (resolve-routes.ts runs every one in order,
 * each on the path the previous one produced), so the source never matches an already rewritten
 * path: it excludes the market prefixes themselves. It also excludes what must keep its own path:
 * the API, Next's assets, the back office, the auth confirmation handler and every public/ file.
 *
 * Order decides (the first rule that matches rewrites; the rest then see /<market>/… and skip):
 *   locale   = cookie `locale` (en|fr), else Accept-Language whose first language is French, else en;
 *   currency = cookie `currency` (eur|usd), else eur for French, usd when Accept-Language starts
 *              with en-US, else eur.
 */

const LOCALE_COOKIE = "locale";
const CURRENCY_COOKIE = "currency";

const cookie = (key, value) => ({ type: "cookie", key, value });
const acceptLanguage = (value) => ({ type: "header", key: "accept-language", value });
// The first language of the header (browsers send the preferred one first), any case.
const FIRST_LANGUAGE_FRENCH = "\\s*[fF][rR](?:[-_;,].*)?";
const FIRST_LANGUAGE_EN_US = "\\s*[eE][nN]-[uU][sS](?:[;,].*)?";

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Top-level names in public/ (served as files, never as pages). */
function publicEntries(publicDir) {
  try {
    return fs.readdirSync(publicDir);
  } catch {
    return [];
  }
}

/** The path pattern every rule shares: every page path, except the ones that keep their own path. */
export function pageSource(publicNames) {
  const excluded = [
    "api(?:/|$)",
    "_next(?:/|$)",
    "__next",
    "admin(?:/|$)",
    "auth/confirm(?:/|$)",
    "favicon\\.ico$",
    "(?:en|fr)-(?:eur|usd)(?:/|$)",
    ...publicNames.map((name) => `${escapeRegExp(name)}(?:/|$)`),
  ];
  return `/:path((?!${excluded.join("|")}).+)?`;
}

/** The rules in the order Next applies them. */
export function marketRewriteRules(publicNames = publicEntries(new URL("../../public", import.meta.url))) {
  const source = pageSource(publicNames);
  const to = (market, has) => ({ source, has, destination: `/${market}/:path*` });
  return [
    to("fr-usd", [cookie(LOCALE_COOKIE, "fr"), cookie(CURRENCY_COOKIE, "usd")]),
    to("fr-eur", [cookie(LOCALE_COOKIE, "fr")]),
    to("en-usd", [cookie(LOCALE_COOKIE, "en"), cookie(CURRENCY_COOKIE, "usd")]),
    to("en-eur", [cookie(LOCALE_COOKIE, "en"), cookie(CURRENCY_COOKIE, "eur")]),
    to("en-usd", [cookie(LOCALE_COOKIE, "en"), acceptLanguage(FIRST_LANGUAGE_EN_US)]),
    to("en-eur", [cookie(LOCALE_COOKIE, "en")]),
    // No (valid) locale cookie: Accept-Language decides the language.
    to("fr-usd", [acceptLanguage(FIRST_LANGUAGE_FRENCH), cookie(CURRENCY_COOKIE, "usd")]),
    to("fr-eur", [acceptLanguage(FIRST_LANGUAGE_FRENCH)]),
    to("en-usd", [cookie(CURRENCY_COOKIE, "usd")]),
    to("en-eur", [cookie(CURRENCY_COOKIE, "eur")]),
    to("en-usd", [acceptLanguage(FIRST_LANGUAGE_EN_US)]),
    { source, destination: "/en-eur/:path*" },
  ];
}

/** next.config.js `rewrites`. */
export async function marketRewrites() {
  return { beforeFiles: marketRewriteRules(), afterFiles: [], fallback: [] };
}
