// `npx tsx scripts/pay.ts <order id> [authorized|captured]`: pays an order in `npm run dev` as a payment provider would,
// by posting the `test` provider's signed webhook (Standard Webhooks, TEST_PAYMENTS_SECRET from .dev.vars) for the
// order's total. PORT picks the dev server (default 8787).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { signatureHeaders } from "../src/webhooks/signature";

const [orderId, how = "captured"] = process.argv.slice(2);
if (!orderId || !["authorized", "captured"].includes(how)) {
  console.error("usage: npx tsx scripts/pay.ts <order id> [authorized|captured]");
  process.exit(2);
}
const vars = readFileSync(join(import.meta.dirname, "..", ".dev.vars"), "utf8");
const value = (name: string) => vars.match(new RegExp(`^\\s*${name}\\s*=\\s*["']?([^"'\\s#]+)`, "m"))?.[1];
const secret = value("TEST_PAYMENTS_SECRET");
const adminKey = value("ADMIN_API_KEY");
if (!secret || !adminKey) {
  console.error("Set TEST_PAYMENTS_SECRET and ADMIN_API_KEY in .dev.vars (see .dev.vars.example), then restart npm run dev.");
  process.exit(1);
}
const base = `http://localhost:${process.env.PORT ?? 8787}`;
const got = await fetch(`${base}/v1/orders/${orderId}`, { headers: { authorization: `Bearer ${adminKey}` } });
if (!got.ok) throw new Error(`GET /v1/orders/${orderId} -> ${got.status} ${await got.text()}`);
const order = (await got.json()) as { total: number; currency: string };
const body = JSON.stringify({ type: `payment.${how}`, data: { reference: `test_${orderId}`, order_id: orderId, amount: order.total, currency: order.currency } });
const headers = await signatureHeaders({ secret, id: `msg_${Date.now()}`, timestamp: Math.floor(Date.now() / 1000), body });
const res = await fetch(`${base}/v1/payments/test/webhooks`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
console.log(res.status, await res.text());
