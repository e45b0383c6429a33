import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll } from "vitest";
import { reportCalled } from "./helpers/operations";

// Storage is isolated per test file; every file starts from the migrated, empty database.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// After the file's last test, tell the receiver which API operations it called (test/helpers/operations.ts).
afterAll(async ({}, suite) => {
  await reportCalled((suite as { filepath?: string }).filepath ?? suite.name);
});
