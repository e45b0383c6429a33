// Start and stop `wrangler dev` and apply local D1 migrations, for the dev and bench scripts.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

/** Without this, `wrangler dev` tries to fetch `Request.cf` from the internet and logs errors. */
const WRANGLER_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

function run(args: string[], stdio: StdioOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: WRANGLER_ENV, stdio });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * `wrangler d1 migrations apply DB --local`. stdin is not a terminal, so wrangler answers its
 * "continue?" question with yes by itself.
 */
export async function applyMigrations(opts: { persistTo?: string; quiet?: boolean } = {}) {
  const args = ["d1", "migrations", "apply", "DB", "--local"];
  if (opts.persistTo) args.push("--persist-to", opts.persistTo);
  const code = await run(args, ["ignore", opts.quiet ? "ignore" : "inherit", "inherit"]);
  if (code !== 0) throw new Error(`wrangler ${args.join(" ")} exited with ${code}`);
}

export interface DevOptions {
  port: number;
  /** Host name in the printed URL; wrangler listens on it. */
  host?: string;
  persistTo?: string;
  testScheduled?: boolean;
  inspectorPort?: number;
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
  /** Extra `--var NAME:value` bindings. */
  /** Vars for the first Worker only (the storefront one): wrangler hands `--var` to no other. Secrets: .dev.vars. */
  vars?: Record<string, string>;
  /** inherit: wrangler's output shows in this terminal; a number: a file descriptor to write it to. */
  output?: "inherit" | number;
  /** Own process group, so stop() also reaches workerd even if wrangler misbehaves (bench). */
  detached?: boolean;
}

export interface DevServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code when wrangler ends. */
  exited: Promise<number>;
  running(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once wrangler has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function startDev(opts: DevOptions): DevServer {
  const host = opts.host ?? "localhost";
  // The three Workers in one wrangler, as deployed: the storefront Worker on the port (it hands what it does not serve
  // to the OMS Worker), the OMS Worker, and the documents Worker the OMS binds as RENDERER. One state folder for all
  // (wrangler's default for the OMS), so they share the database, the cells and the queues.
  const args = ["dev", "-c", "src/storefront-worker/wrangler.toml", "-c", "wrangler.toml", "-c", "src/documents-worker/wrangler.toml"];
  args.push("--port", String(opts.port), "--ip", host, "--persist-to", opts.persistTo ?? join(ROOT, ".wrangler", "state"));
  if (opts.testScheduled) args.push("--test-scheduled");
  if (opts.inspectorPort) args.push("--inspector-port", String(opts.inspectorPort));
  if (opts.logLevel) args.push("--log-level", opts.logLevel);
  for (const [name, value] of Object.entries(opts.vars ?? {})) args.push("--var", `${name}:${value}`);

  const out = opts.output ?? "inherit";
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: [out === "inherit" ? "inherit" : "ignore", out, out],
    detached: opts.detached ?? false,
  });
  let alive = true;
  const exited = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) => {
      alive = false;
      resolve(code ?? (signal ? 128 : 0));
    });
    child.on("error", () => {
      alive = false;
      resolve(1);
    });
  });

  const signal = (sig: NodeJS.Signals) => {
    if (!alive || child.pid === undefined) return;
    try {
      if (opts.detached) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };

  const stop = async (graceMs = 5000) => {
    if (!alive) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
    // wrangler has exited; make sure nothing of its group (workerd) lingers.
    if (opts.detached && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is empty
      }
    }
  };

  // Last resort if this process exits without awaiting stop(): never leave a wrangler behind.
  process.once("exit", () => signal("SIGKILL"));

  return { url: `http://${host}:${opts.port}`, child, exited, running: () => alive, stop };
}

/** Polls GET /health until it answers 200; fails early if wrangler exits. */
export async function waitForHealth(server: DevServer, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running()) throw new Error(`wrangler dev exited (code ${await server.exited}) before /health answered`);
    try {
      const res = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${server.url}/health did not answer within ${timeoutMs / 1000} s`);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether something already listens on `port` (checked on 127.0.0.1 and ::1). */
export async function portInUse(port: number): Promise<boolean> {
  const probe = (host: string) =>
    new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "EADDRINUSE"));
      srv.listen(port, host, () => srv.close(() => resolve(false)));
    });
  return (await probe("127.0.0.1")) || (await probe("::1"));
}
