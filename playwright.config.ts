import { defineConfig } from "@playwright/test";

// A throwaway local stack on its own ports, building and serving the production app.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const stackEnv = {
  PORT: String(PORT),
  DB_PORT: process.env.E2E_DB_PORT ?? "54390",
  AUTH_PORT: process.env.E2E_AUTH_PORT ?? "54391",
  STRIPE_EMULATOR_PORT: process.env.E2E_STRIPE_PORT ?? "12190",
  MAIL_PORT: process.env.E2E_MAIL_PORT ?? "54394",
  SHOP_DATA_DIR: ".data/e2e",
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // The shop picks language and currency from Accept-Language (lib/i18n/market-rewrites.js): en-GB
    // gets English with euros, the shop's defaults, which the specs are written against.
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: "node --import tsx local/dev.ts --mode=start --build --fresh",
    url: `http://127.0.0.1:${PORT}/api/products`,
    env: stackEnv,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
