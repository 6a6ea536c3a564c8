import { inject } from "vitest";

// Every test file talks to the run's database; Stripe calls fail fast so fault tests are exact.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = "12";
process.env.STRIPE_MAX_NETWORK_RETRIES = "0";
