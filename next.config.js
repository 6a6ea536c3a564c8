import createNextIntlPlugin from "next-intl/plugin";
import { marketRewrites } from "./lib/i18n/market-rewrites.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The offline stack is reached on 127.0.0.1; allow it as a dev origin.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Loaded from node_modules on the server instead of bundled: `next dev` then keeps about 150 MB
  // less (Turbopack holds every module it compiled; npm run bench:dev-memory). Client bundles are unchanged.
  serverExternalPackages: ["postgres", "stripe", "@supabase/supabase-js", "@supabase/ssr", "zod"],
  // Language and currency: the public URL is served by app/[market]/… (see lib/i18n/market-rewrites.js).
  rewrites: marketRewrites,
  experimental: {
    // `next dev` only: no persistent Turbopack cache. With it, every start after the first restored
    // it and the dev server held about 1 GB instead of about 740 MB (npm run bench:dev-memory);
    // this shop compiles its pages in seconds without it.
    turbopackFileSystemCacheForDev: false,
    // Nor source maps read from input files (node_modules' own .map files): about 50 MB less in dev;
    // the shop's own code keeps its source maps.
    turbopackInputSourceMaps: false,
  },
};

// next-intl without its middleware: the locale comes from the [market] segment (i18n/request.ts).
// Messages are precompiled at build time, so the browser gets a small formatter instead of an ICU
// parser (next-intl.dev/docs/usage/plugin, `experimental.messages.precompile`).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: ["en", "fr"], precompile: true } },
});

export default withNextIntl(nextConfig);
