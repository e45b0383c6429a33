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
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_API_KEY: "sk_test_bootstrap_admin_key_for_tests_only" },
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
