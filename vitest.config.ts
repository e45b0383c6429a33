import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { build } from "esbuild";
import { defineConfig } from "vitest/config";
import { OperationsReporter } from "./test/operations-reporter.ts";
import { receiver } from "./test/receiver.ts";

export default defineConfig(async () => {
  // Tests run against the same migrations wrangler applies; test/setup.ts applies them per test file.
  const migrations = await readD1Migrations("./migrations");
  // The documents Worker (PDFs) runs beside the main one, as in `npm run dev`: bundled first, as wrangler would.
  const documentsScript = "./.vitest-documents/index.js";
  await build({
    entryPoints: ["./src/documents-worker/index.ts"],
    outfile: documentsScript,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    logLevel: "error",
  });
  return {
    test: {
      // The default output, and a check that a full workers run called every operation in the spec.
      reporters: ["default", new OperationsReporter()],
      projects: [
        {
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
                // wrangler.toml binds it as RENDERER.
                workers: [
                  { name: "edge-oms-documents", modules: true, scriptPath: documentsScript, compatibilityDate: "2026-04-26", compatibilityFlags: ["nodejs_compat"] },
                ],
              },
            }),
          ],
          test: {
            name: "workers",
            // vitest's default on 2 cores is one file at a time; most of a file's time is spent waiting (queue
            // chains, timers, module loading over the pool's socket), so three at once finish sooner.
            maxWorkers: 3,
            include: ["test/**/*.test.ts"],
            exclude: ["test/browser/**", "**/node_modules/**"],
            setupFiles: ["./test/setup.ts"],
            // Queue chains (fulfillment → label → webhook) take seconds on a busy 2-core machine; no test waits on a clock.
            testTimeout: 30_000,
          },
        },
        {
          // The dashboard in a real Chromium (@sparticuz/chromium, driven by playwright-core) against a real
          // `wrangler dev` that test/browser/global-setup.ts starts, seeds and stops.
          test: {
            name: "browser",
            environment: "node",
            include: ["test/browser/**/*.test.ts"],
            globalSetup: ["./test/browser/global-setup.ts"],
            // One wrangler, one database: files run one after another, each with its own Chromium; and only once the
            // workers project is done, so the two do not fight over a 2-core machine.
            fileParallelism: false,
            sequence: { groupOrder: 1 },
            // A page load and a queue chain on a busy 2-core machine, not a clock any test waits on.
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
