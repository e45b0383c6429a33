// Fails a full run of the workers project when an operation in openapi/openapi.json was never called through the
// typed client, so a new route cannot ship untested. Why a reporter: vitest 4 (with @cloudflare/vitest-pool-workers)
// has no hook that runs after every test file and can fail a test; a globalSetup teardown's error is only logged,
// and a "last" test file can still run beside others. A reporter's onTestRunEnd runs in the main process once all
// files are done and can set the exit code. It stays quiet when only some files ran (a filter, `-t`, one file) and
// when --reporter replaces the configured reporters. What each file called comes from test/receiver.ts' log.
import { existsSync, readFileSync, rmSync } from "node:fs";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import { operationsOf } from "../openapi/validate.ts";
import { OPERATIONS_LOG } from "./receiver.ts";

const PROJECT = "workers";

export class OperationsReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
    rmSync(OPERATIONS_LOG, { force: true });
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const project = this.vitest?.projects.find((p) => p.name === PROJECT);
    if (!project || this.vitest?.config.testNamePattern) return;
    const { testFiles } = await project.globTestFiles();
    const ran = new Set(modules.filter((m) => m.project.name === PROJECT).map((m) => m.moduleId));
    if (testFiles.some((f) => !ran.has(f))) return;

    const document = JSON.parse(readFileSync(new URL("../openapi/openapi.json", import.meta.url), "utf8"));
    const called = new Set<string>();
    if (existsSync(OPERATIONS_LOG))
      for (const line of readFileSync(OPERATIONS_LOG, "utf8").split("\n").filter(Boolean))
        for (const op of (JSON.parse(line) as { operations: string[] }).operations) called.add(op);
    const all = operationsOf(document);
    const missing = all.filter((op) => !called.has(op));
    if (missing.length === 0) {
      console.log(`\nOpenAPI: all ${all.length} operations were called through the typed client, every answer checked.`);
      return;
    }
    console.error(`\nOpenAPI: ${missing.length} of ${all.length} operations were never called through the typed client:\n  ${missing.join("\n  ")}`);
    process.exitCode = 1;
  }
}
