import { afterAll, beforeAll } from "vitest";
import { startStripeStack, type StripeStack } from "./stripe-stack";
import { startAuthStack, type AuthStack } from "./auth-stack";

export interface Stacks {
  stripe: StripeStack;
  auth: AuthStack;
}

/** The Stripe emulator and the auth stand-in for one test file: started before its tests, closed after. */
export function stripeAndAuthStacks(): Stacks {
  const stacks = {} as Stacks;
  beforeAll(async () => {
    stacks.stripe = await startStripeStack();
    stacks.auth = await startAuthStack();
  });
  afterAll(async () => {
    await stacks.stripe?.close();
    await stacks.auth?.close();
  });
  return stacks;
}
