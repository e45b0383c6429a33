// Screening at capture: the rules from the isolate's cache, and at most one D1 read for the counts of recent orders
// and the block-list matches (only when a rule needs them). Runs beside the stock holds, not after them.
import type { Address } from "../domain/address";
import { addressKey, anyRuleOn, emailKey, needsFacts, type ScreeningFacts, screen, type Verdict } from "../domain/fraud";
import { batchTogether } from "../db/together";
import { insert, type Sql, sql } from "../db/sql";
import { sha256Hex } from "../http/crypto";
import { fraudSettings, hashClientIp } from "./settings";

export interface Screening {
  /** null when the merchant turned no rule on. */
  verdict: Verdict | null;
  /** Who placed the order, as the velocity rules count it: goes into the order's batch. */
  factsSql: (orderId: string) => Sql;
  /** Keyed hash of the shopper's IP, stored on the order; null without an IP. */
  ipHash: string | null;
}

export interface Shopper {
  email: string;
  total: number;
  currency: string;
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
  /** The shopper's IP as the edge saw it: hashed here, never stored or logged as it is. */
  clientIp?: string;
  at: number;
}

const NO_FACTS: ScreeningFacts = { ordersByEmail: 1, ordersByIp: 1, ordersByAddress: 1, blockedEmail: false, blockedAddress: false };

/** Emails and addresses are compared (and stored) as hashes of their normalized form. */
export const emailMatchKey = (email: string) => sha256Hex(emailKey(email));
export const addressMatchKey = (a: Parameters<typeof addressKey>[0]) => sha256Hex(addressKey(a));

export async function screenShopper(db: D1Database, s: Shopper): Promise<Screening> {
  const [{ rules, ipHashKey }, email, address] = await Promise.all([
    fraudSettings(db),
    emailMatchKey(s.email),
    s.shippingAddress ? addressMatchKey(s.shippingAddress) : Promise.resolve(null),
  ]);
  const ipHash = s.clientIp ? await hashClientIp(ipHashKey, s.clientIp) : null;
  const factsSql = (orderId: string) =>
    insert("order_risk_facts", { order_id: orderId, email, ip_hash: ipHash, address_key: address, created_at: s.at });
  if (!anyRuleOn(rules)) return { verdict: null, factsSql, ipHash };
  let facts = NO_FACTS;
  if (needsFacts(rules)) {
    const since = s.at - rules.velocity.window_minutes * 60_000;
    const [res] = await batchTogether(db, [
      sql(
        `SELECT (SELECT COUNT(*) FROM order_risk_facts WHERE email = ?1 AND created_at >= ?4) AS by_email,
                (SELECT COUNT(*) FROM order_risk_facts WHERE ?2 IS NOT NULL AND ip_hash = ?2 AND created_at >= ?4) AS by_ip,
                (SELECT COUNT(*) FROM order_risk_facts WHERE ?3 IS NOT NULL AND address_key = ?3 AND created_at >= ?4) AS by_address,
                EXISTS (SELECT 1 FROM fraud_blocklist WHERE kind = 'email' AND match_key = ?1) AS blocked_email,
                EXISTS (SELECT 1 FROM fraud_blocklist WHERE kind = 'address' AND match_key = ?3) AS blocked_address`,
        email,
        ipHash,
        address,
        since,
      ),
    ]);
    const r = res.results[0] as Record<string, number>;
    // This order counts too: "more than max_orders" includes the one being placed.
    facts = {
      ordersByEmail: r.by_email + 1,
      ordersByIp: ipHash ? r.by_ip + 1 : 0,
      ordersByAddress: address ? r.by_address + 1 : 0,
      blockedEmail: r.blocked_email === 1,
      blockedAddress: r.blocked_address === 1,
    };
  }
  const verdict = screen(rules, { total: s.total, currency: s.currency, shipCountry: s.shippingAddress?.country ?? null, billingCountry: s.billingAddress?.country ?? null }, facts);
  return { verdict, factsSql, ipHash };
}
