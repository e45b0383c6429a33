// Fraud screening at capture: the merchant's rules, each adding its weight and a reason when it fires. Pure: the
// caller brings the counts of recent orders and the block-list matches.
import { z } from "@hono/zod-openapi";

const Weight = z.number().int().min(0).max(100);
import { CountryCode as Country, CurrencyCode } from "./codes";

// Every rule is off until the merchant turns it on; weights are what a rule adds to the score when it fires.
export const FraudRules = z
  .object({
    threshold: z.number().int().min(1).max(1000).default(50).openapi({ description: "A score at or above this holds the order for review." }),
    order_value: z
      .object({
        enabled: z.boolean().default(false),
        weight: Weight.default(30),
        limits: z
          .array(z.object({ currency: CurrencyCode, amount: z.number().int().min(0) }).strict())
          .max(50)
          .default([])
          .openapi({ description: "Per currency: an order totalling more than `amount` (minor units) fires." }),
      })
      .strict()
      .prefault({}),
    velocity: z
      .object({
        enabled: z.boolean().default(false),
        weight: Weight.default(40),
        window_minutes: z.number().int().min(1).max(43_200).default(60),
        max_orders: z.number().int().min(1).max(10_000).default(3).openapi({ description: "This order included: one more fires." }),
        by: z
          .array(z.enum(["email", "ip", "address"]))
          .min(1)
          .default(["email", "ip", "address"])
          .openapi({ description: "What orders are counted per: the shopper's email, IP (hashed), shipping address." }),
      })
      .strict()
      .prefault({}),
    ship_countries: z
      .object({
        enabled: z.boolean().default(false),
        weight: Weight.default(60),
        allowed: z.array(Country).max(250).default([]),
      })
      .strict()
      .prefault({}),
    country_mismatch: z
      .object({ enabled: z.boolean().default(false), weight: Weight.default(20) })
      .strict()
      .prefault({})
      .openapi({ description: "Billing and shipping countries differ." }),
    block_list: z
      .object({ enabled: z.boolean().default(false), weight: Weight.default(100) })
      .strict()
      .prefault({})
      .openapi({ description: "The email or shipping address is on the block list." }),
  })
  .strict()
  .openapi("FraudRules");

export type FraudRules = z.infer<typeof FraudRules>;

export const DEFAULT_RULES: FraudRules = FraudRules.parse({});

/** What screening needs to know about the order being placed. */
export interface ScreenedOrder {
  total: number;
  currency: string;
  shipCountry: string | null;
  billingCountry: string | null;
}

/** Orders placed within the velocity window, this one included, and the block-list hits. */
export interface ScreeningFacts {
  ordersByEmail: number;
  ordersByIp: number;
  ordersByAddress: number;
  blockedEmail: boolean;
  blockedAddress: boolean;
}

export interface Verdict {
  score: number;
  reasons: string[];
  hold: boolean;
}

export const anyRuleOn = (r: FraudRules) =>
  r.order_value.enabled || r.velocity.enabled || r.ship_countries.enabled || r.country_mismatch.enabled || r.block_list.enabled;

/** Whether screening needs the one D1 read of counts and block-list matches. */
export const needsFacts = (r: FraudRules) => r.velocity.enabled || r.block_list.enabled;

export function screen(rules: FraudRules, order: ScreenedOrder, facts: ScreeningFacts): Verdict {
  let score = 0;
  const reasons: string[] = [];
  const fire = (weight: number, reason: string) => {
    score += weight;
    reasons.push(reason);
  };
  const limit = rules.order_value.limits.find((l) => l.currency === order.currency);
  if (rules.order_value.enabled && limit && order.total > limit.amount) fire(rules.order_value.weight, `order_value_above_${limit.amount}_${order.currency}`);
  if (rules.velocity.enabled) {
    const { by, max_orders: max, window_minutes: minutes } = rules.velocity;
    const counts = { email: facts.ordersByEmail, ip: facts.ordersByIp, address: facts.ordersByAddress };
    const over = by.filter((k) => counts[k] > max);
    // One velocity weight however many dimensions fire: it is one pattern seen several ways.
    if (over.length) fire(rules.velocity.weight, `velocity_${over.join("_")}_over_${max}_in_${minutes}m`);
  }
  if (rules.ship_countries.enabled && order.shipCountry && !rules.ship_countries.allowed.includes(order.shipCountry))
    fire(rules.ship_countries.weight, `ship_country_${order.shipCountry}_not_allowed`);
  if (rules.country_mismatch.enabled && order.shipCountry && order.billingCountry && order.shipCountry !== order.billingCountry)
    fire(rules.country_mismatch.weight, `billing_${order.billingCountry}_shipping_${order.shipCountry}`);
  if (rules.block_list.enabled && (facts.blockedEmail || facts.blockedAddress))
    fire(rules.block_list.weight, facts.blockedEmail ? "email_blocked" : "address_blocked");
  return { score, reasons, hold: score >= rules.threshold };
}

/** The form an email is compared in: case and surrounding space do not make another shopper. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * The form an address is compared in: street, postal code and country, without case, spaces or punctuation, so
 * "2 Side St." and "2 side st" are one address. Names are left out: a fraudster changes those first.
 */
export const addressKey = (a: { line1: string; line2?: string; postal_code: string; country: string }) =>
  [a.line1, a.line2 ?? "", a.postal_code, a.country].map((p) => p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "")).join("|");
