import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { receiver } from "./test/receiver.ts";

export default defineConfig(async () => {
  // Tests run against the same migrations wrangler applies; test/setup.ts applies them per test file.
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_API_KEY: "sk_test_bootstrap_admin_key_for_tests_only",
            // Payment providers: Stripe's calls go to the fake in test/payments/fake-stripe.ts (through the receiver).
            STRIPE_WEBHOOK_SECRET: "whsec_test_stripe_endpoint_secret",
            STRIPE_SECRET_KEY: "sk_test_fake_stripe_key_for_tests",
            TEST_PAYMENTS_SECRET: "whsec_ZWRnZS1vbXMgdGVzdCBwYXltZW50cyBzZWNyZXQhISE=",
          },
          // Outbound HTTP (webhooks, notifications) goes to test/receiver.ts instead of the network.
          outboundService: receiver,
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/setup.ts"],
      // Queue chains (fulfillment → label → webhook) take seconds on a busy 2-core machine; no test waits on a clock.
      testTimeout: 30_000,
    },
  };
});
