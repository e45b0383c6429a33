// The merchant's fraud rules and the key that hashes shoppers' IPs, kept in the isolate for a moment so the checkout
// hot path reads them from D1 at most once per RULES_MS (a change made in another isolate applies within that).
import { DEFAULT_RULES, FraudRules } from "../domain/fraud";
import { batchTogether } from "../db/together";
import { sql } from "../db/sql";

const RULES_MS = 10_000;

interface Settings {
  rules: FraudRules;
  ipHashKey: string;
  version: number;
}

// Values are cached, not promises: Workers tie a promise's continuations to the request that made it, so a request
// waiting on another request's load could hang when that request ends first. A miss loads for itself.
let cached: { at: number; value: Settings } | null = null;

export async function fraudSettings(db: D1Database): Promise<Settings> {
  const now = Date.now();
  if (cached && now - cached.at < RULES_MS) return cached.value;
  const value = await load(db);
  cached = { at: now, value };
  return value;
}

/** After the rules changed here: this isolate applies them at once. */
export const forgetFraudSettings = () => {
  cached = null;
};

async function load(db: D1Database): Promise<Settings> {
  const [res] = await batchTogether(db, [sql("SELECT rules, ip_hash_key, version FROM fraud_settings WHERE id = 1")]);
  const row = res.results[0] as { rules: string; ip_hash_key: string; version: number } | undefined;
  if (!row) throw new Error("fraud_settings has no row: migration 0010 was not applied");
  // Rules written by an older release may lack newer fields: parsing fills in their defaults.
  const parsed = FraudRules.safeParse(JSON.parse(row.rules));
  return { rules: parsed.success ? parsed.data : DEFAULT_RULES, ipHashKey: row.ip_hash_key, version: row.version };
}

const encoder = new TextEncoder();
const hmacKeys = new Map<string, CryptoKey>();

/** Keyed hash of the shopper's IP: enough to count orders per IP, useless for finding the IP again. */
export async function hashClientIp(ipHashKey: string, ip: string): Promise<string> {
  let key = hmacKeys.get(ipHashKey);
  if (!key) {
    key = await crypto.subtle.importKey("raw", encoder.encode(ipHashKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    hmacKeys.set(ipHashKey, key);
  }
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(ip.trim().toLowerCase()));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
