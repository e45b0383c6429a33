// The browser tests' world: a real `wrangler dev` on a free port with its own fresh database in a temp folder,
// seeded through the API, its address and logins handed to the tests (inject), and stopped and removed afterwards.
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDevVars } from "../../scripts/lib/dev-vars";
import { applyMigrations, freePort, startDev, waitForHealth, type DevServer } from "../../scripts/lib/wrangler";
import { seedWorld, type World } from "./seed";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminKey: string;
    world: World;
    /** This run's temp folder, removed at the end. */
    runDir: string;
  }
}

let server: DevServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), "edge-oms-browser-"));
  const persistTo = join(dir, "state");
  const logFile = join(dir, "wrangler.log");
  // The OMS Worker reads its secrets from .dev.vars (made if missing); wrangler would give `--var` to the storefront one only.
  const adminKey = ensureDevVars();
  try {
    await applyMigrations({ persistTo, quiet: true });
    // Free ports for the server and for its inspector too (9229 by default, taken by a developer's own `npm run dev`).
    const port = await freePort();
    let inspectorPort = await freePort();
    while (inspectorPort === port) inspectorPort = await freePort();
    const log = openSync(logFile, "a");
    server = startDev({ port, inspectorPort, persistTo, testScheduled: true, output: log, detached: true, logLevel: "warn" });
    closeSync(log);
    await waitForHealth(server);
    const world = await seedWorld(server.url, adminKey);
    project.provide("baseUrl", server.url);
    project.provide("adminKey", adminKey);
    project.provide("world", world);
    project.provide("runDir", dir);
  } catch (err) {
    // What wrangler said is the first thing anyone needs when the world could not be built.
    let said = "";
    try {
      said = readFileSync(logFile, "utf8").slice(-4000);
    } catch {
      // no log yet
    }
    await teardown();
    throw new Error(`browser tests: could not start the local OMS: ${err instanceof Error ? err.message : err}${said ? `\nwrangler said:\n${said}` : ""}`);
  }
}

export async function teardown() {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
