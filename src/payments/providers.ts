// The payment providers we have an adapter for, by the name orders record (payments.provider).
import type { PaymentProvider } from "./provider";
import { stripe } from "./stripe";
import { testProvider } from "./test-provider";

const PROVIDERS: Record<string, PaymentProvider> = { stripe, test: testProvider };

export const providerNamed = (name: string): PaymentProvider | undefined => (Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined);

/** Refunds and voids of these go out through their adapter; others (a channel's, another PSP's) are carried out there. */
export const hasAdapter = (name: string) => providerNamed(name) !== undefined;
