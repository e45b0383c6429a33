// `npm run dev`: the whole OMS locally. Creates .dev.vars if missing, applies the D1 migrations, starts
// `wrangler dev` (its logs stay visible), waits for /health, seeds demo data through the API (idempotent),
// then prints the URLs and keys. Ctrl-C stops wrangler.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDevVars } from "./lib/dev-vars";
import { Api } from "./lib/http";
import { ROOT, applyMigrations, portInUse, startDev, waitForHealth } from "./lib/wrangler";
import { ensureDemoChannels } from "./channel-demo";
import { SKUS, seed, type SeedResult } from "./seed";

/** The storefront key made for this machine's local database; lives next to that database in .wrangler/. */
const KEY_FILE = join(ROOT, ".wrangler", "dev-storefront-key.json");
const STOREFRONT_KEY_NAME = "Storefront (local dev)";
/** The dashboard owner made for this machine's local database, with its password, beside it in .wrangler/. */
const OWNER_FILE = join(ROOT, ".wrangler", "dev-owner.json");
const OWNER_EMAIL = "owner@edge-oms.local";

const say = (message: string) => console.log(`\x1b[36m[dev]\x1b[0m ${message}`);

/** The stored publishable key if it still works, else a new one (stored for the next run). */
async function storefrontKey(api: Api): Promise<string> {
  try {
    const stored = JSON.parse(readFileSync(KEY_FILE, "utf8")) as { key?: string };
    if (stored.key) {
      // A valid publishable key is refused on an admin route with 403; an unknown or revoked one with 401.
      const probe = await api.get("/v1/api-keys", { key: stored.key });
      if (probe.status === 403) return stored.key;
    }
  } catch {
    // no stored key yet
  }
  const res = await api.post("/v1/api-keys", { kind: "publishable", name: STOREFRONT_KEY_NAME });
  if (res.status !== 201) throw new Error(`POST /v1/api-keys -> ${res.status} ${res.body?.code ?? ""} ${res.body?.detail ?? ""}`);
  mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
  writeFileSync(KEY_FILE, `${JSON.stringify({ key: res.body.key, id: res.body.id, created_at: new Date().toISOString() }, null, 2)}\n`, {
    mode: 0o600,
  });
  return res.body.key;
}

/** Whether these credentials sign in to the dashboard (the login answers 303 on success, 401 otherwise). */
async function canLogIn(baseUrl: string, email: string, password: string): Promise<boolean> {
  const res = await fetch(new URL("/admin/login", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, next: "/admin" }),
    redirect: "manual",
  });
  return res.status === 303;
}

/** Gives an existing dev owner this password the way a person would: a new invite link, then its form. */
async function resetOwner(api: Api, email: string, password: string): Promise<boolean> {
  const list = await api.get(`/v1/staff-users?limit=200`);
  const user = (list.body?.data ?? []).find((u: { email: string }) => u.email.toLowerCase() === email);
  if (!user) return false;
  if (user.status === "disabled" || user.role !== "owner") {
    const patch = await api.request("PATCH", `/v1/staff-users/${user.id}`, { body: { role: "owner", status: "active" } });
    if (patch.status !== 200) return false;
  }
  const invite = await api.post(`/v1/staff-users/${user.id}/invite`, {});
  if (invite.status !== 201) return false;
  const accepted = await fetch(invite.body.invite_url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ password, password2: password }),
    redirect: "manual",
  });
  return accepted.status === 303;
}

/** The stored dashboard owner if it still signs in; else owner@edge-oms.local made (or reset) with a new password. */
async function devOwner(api: Api): Promise<{ email: string; password: string }> {
  try {
    const stored = JSON.parse(readFileSync(OWNER_FILE, "utf8")) as { email?: string; password?: string };
    if (stored.email && stored.password && (await canLogIn(api.baseUrl, stored.email, stored.password)))
      return { email: stored.email, password: stored.password };
  } catch {
    // no stored owner yet
  }
  const password = randomBytes(12).toString("base64url");
  let email: string | undefined;
  for (let n = 0; n < 20 && !email; n++) {
    const candidate = n ? OWNER_EMAIL.replace("@", `+${n}@`) : OWNER_EMAIL;
    const res = await api.post("/v1/staff-users", { email: candidate, name: "Dev Owner", role: "owner", password });
    if (res.status === 201) email = candidate;
    else if (res.status === 409 && n === 0 && (await resetOwner(api, candidate, password))) email = candidate;
    else if (res.status !== 409) throw new Error(`POST /v1/staff-users -> ${res.status} ${res.body?.code ?? ""} ${res.body?.detail ?? ""}`);
  }
  if (!email) throw new Error("every owner+<n>@edge-oms.local address is taken");
  mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
  writeFileSync(OWNER_FILE, `${JSON.stringify({ email, password, created_at: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  return { email, password };
}

function banner(lines: [string, string][], notes: string[]) {
  const width = Math.max(...lines.map(([k]) => k.length));
  const rule = "─".repeat(72);
  const out = [
    "",
    `\x1b[32m${rule}\x1b[0m`,
    "\x1b[1m edge-oms is running\x1b[0m",
    ...lines.map(([k, v]) => `   ${k.padEnd(width)}  ${v}`),
    ...notes.map((n) => `   ${n}`),
    `\x1b[32m${rule}\x1b[0m`,
    "",
  ];
  console.log(out.join("\n"));
}

async function main() {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port`);
  if (await portInUse(port)) throw new Error(`port ${port} is already in use (another wrangler dev?); run with PORT=<port> npm run dev`);

  const adminKey = ensureDevVars(say);
  say("applying D1 migrations (local)");
  await applyMigrations();

  say(`starting wrangler dev on port ${port}`);
  const server = startDev({ port, testScheduled: true });
  let stopping = false;
  const stop = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping wrangler`);
    void server.stop().then(() => process.exit(sig === "SIGINT" ? 0 : 143));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGHUP"));
  void server.exited.then((code) => {
    if (!stopping) process.exit(code);
  });

  await waitForHealth(server);
  const api = new Api(server.url, adminKey);

  const notes: string[] = [];
  let seeded: SeedResult | undefined;
  try {
    seeded = await seed(server.url, adminKey, { orders: true, log: (m) => say(`seed: ${m}`) });
  } catch (err) {
    notes.push(`\x1b[33mseeding failed: ${err instanceof Error ? err.message : err}\x1b[0m`);
  }
  let channels: Record<string, string> | undefined;
  try {
    channels = await ensureDemoChannels(api);
  } catch (err) {
    notes.push(`\x1b[33mno demo channels: ${err instanceof Error ? err.message : err}\x1b[0m`);
  }
  let pk = "(not created)";
  try {
    pk = await storefrontKey(api);
  } catch (err) {
    notes.push(`\x1b[33mno publishable key: ${err instanceof Error ? err.message : err}\x1b[0m`);
  }
  let owner: { email: string; password: string } | undefined;
  try {
    owner = await devOwner(api);
  } catch (err) {
    notes.push(`\x1b[33mno dashboard owner: ${err instanceof Error ? err.message : err}\x1b[0m`);
  }
  if (seeded?.missing.length) notes.push(`\x1b[33mnot seeded yet (route missing): ${seeded.missing.join(", ")}\x1b[0m`);

  const lines: [string, string][] = [
    ["API", server.url],
    ["Docs", `${server.url}/docs`],
    ["OpenAPI", `${server.url}/openapi.json`],
    ["Admin key", `${adminKey}   (secret, every scope; from .dev.vars)`],
    ["Storefront key", `${pk}   (publishable)`],
    ["Dashboard", `${server.url}/admin`],
    ["Login", owner ? `${owner.email} / ${owner.password}   (owner; from .wrangler/dev-owner.json)` : "(no owner)"],
  ];
  if (seeded)
    lines.push([
      "Demo data",
      `${Object.keys(seeded.locations).map((c) => `${c}=${seeded!.locations[c]}`).join(" ")}; ${SKUS.length} SKUs, e.g. ${SKUS[1]}`,
    ]);
  for (const [code, id] of Object.entries(channels ?? {})) lines.push([`Channel ${code}`, `POST ${server.url}/v1/channels/${id}/webhooks`]);
  notes.push("Channel orders: `npm run demo:channels` posts a signed Shopify and a WooCommerce order to them.");
  notes.push("Pay an order (the `test` provider's signed webhook): npx tsx scripts/pay.ts <order id> [authorized|captured]");
  notes.push(`Try: curl -H "Authorization: Bearer ${pk}" "${server.url}/v1/availability?sku=${SKUS[1]}"`);
  notes.push("Cron: curl \"" + server.url + "/__scheduled?cron=*+*+*+*+*\"    Ctrl-C stops wrangler.");
  banner(lines, notes);
}

main().catch((err) => {
  console.error(`\x1b[31m[dev] ${err instanceof Error ? err.message : err}\x1b[0m`);
  process.exit(1);
});
