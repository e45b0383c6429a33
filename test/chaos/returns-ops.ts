// The reverse flow in a chaos run: returns requested by staff and shoppers (sometimes twice at once), decided,
// received (restock, damaged, inspect; sometimes twice at once), refunded (sometimes twice at once) and goodwill refunds.
// Everything goes through HTTP, as staff, shoppers and the merchant's server would send it.
import { createMessageBatch } from "cloudflare:test";
import fc from "fast-check";
import { consume } from "../../src/queues/consumer";
import { job } from "../../src/queues/job";
import { raw } from "../helpers/client";
import { env, type Run } from "./world";

export type ReturnOp =
  | { t: "return"; i: number; qty: number; by: "staff" | "shopper"; twice: boolean }
  | { t: "decide"; r: number; action: "approve" | "decline" | "cancel" | "close" }
  | { t: "receive"; r: number; qty: number; disposition: "restock" | "damaged" | "inspect"; twice: boolean }
  | { t: "inspect"; r: number; disposition: "restock" | "damaged" }
  | { t: "refund"; r: number; twice: boolean; shipping: boolean }
  | { t: "goodwill"; i: number; amount: number }
  | { t: "exchange"; r: number; sku: number; qty: number; pay: boolean }
  // A whole return in one go (request, receive, refund), each step maybe sent twice at once.
  | { t: "reverse"; i: number; qty: number; disposition: "restock" | "damaged" | "inspect"; twice: boolean; shipping: boolean };

const idx = fc.nat({ max: 30 });
export const returnOps: { weight: number; arbitrary: fc.Arbitrary<ReturnOp> }[] = [
  { weight: 5, arbitrary: fc.record({ t: fc.constant("return" as const), i: idx, qty: fc.integer({ min: 1, max: 2 }), by: fc.constantFrom("staff", "shopper"), twice: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("decide" as const), r: idx, action: fc.constantFrom("approve", "approve", "decline", "cancel", "close") }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant("receive" as const), r: idx, qty: fc.integer({ min: 1, max: 2 }), disposition: fc.constantFrom("restock", "restock", "damaged", "inspect"), twice: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("inspect" as const), r: idx, disposition: fc.constantFrom("restock", "damaged") }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("refund" as const), r: idx, twice: fc.boolean(), shipping: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("goodwill" as const), i: idx, amount: fc.integer({ min: 1, max: 500 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("reverse" as const),
      i: idx,
      qty: fc.integer({ min: 1, max: 2 }),
      disposition: fc.constantFrom("restock", "restock", "damaged", "inspect"),
      twice: fc.boolean(),
      shipping: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("exchange" as const), r: idx, sku: fc.nat({ max: 2 }), qty: fc.integer({ min: 1, max: 2 }), pay: fc.boolean() }) },
];

type Answer = { status: number; body: any };
const send = async (path: string, body: unknown, apiKey?: string | null, idempotencyKey?: string): Promise<Answer> => {
  const res = await raw(path, { method: "POST", headers: { "content-type": "application/json", ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) }, body: JSON.stringify(body) }, apiKey);
  return { status: res.status, body: await res.json().catch(() => null) };
};
const get = async (path: string): Promise<Answer> => {
  const res = await raw(path);
  return { status: res.status, body: await res.json().catch(() => null) };
};

/** 5xx is a defect; everything else is an answer the OMS may give. */
function answered(run: Run, label: string, a: Answer) {
  if (a.status >= 500) run.anomalies.push(`${label}: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  return a.status;
}

const returnableLine = async (orderId: string) =>
  ((await get(`/v1/orders/${orderId}/returnable`)).body?.lines as { order_line_id: string; returnable: number }[] | undefined)?.find((l) => l.returnable > 0);

/** The merchant's server confirms the payment if none came, the fulfillment job runs, and one shipment is packed and sent. */
async function shipOne(run: Run, label: string, orderId: string) {
  const order = (await get(`/v1/orders/${orderId}`)).body as { status: string; payment_status: string; total: number; fulfillments: { id: string; status: string }[] } | null;
  if (!order || order.status !== "open") return;
  if (order.payment_status === "pending")
    answered(run, label, await send(`/v1/orders/${orderId}/confirm-payment`, { provider: "psp", reference: `pi_chaos_return_${orderId}`, amount: order.total, captured: true }));
  const msg = { id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: job("create_fulfillments", `${orderId}:chaos-return`, { orderId }) };
  await consume(createMessageBatch("oms-fulfillment", [msg]), env);
  const list = (await get(`/v1/orders/${orderId}`)).body?.fulfillments as { id: string; status: string }[] | undefined;
  const f = list?.find((x) => ["pending", "picking", "packed"].includes(x.status));
  if (!f) return;
  if (f.status !== "packed") answered(run, label, await send(`/v1/fulfillments/${f.id}/pack`, { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 }));
  answered(run, label, await send(`/v1/fulfillments/${f.id}/ship`, { carrier: "dhl", service: "paket", tracking_number: "CHAOSRET" }));
}

const orderAt = (run: Run, i: number) => (run.orders.length ? run.orders[i % run.orders.length].id : null);
const returnAt = (run: Run, r: number) => (run.returns.length ? run.returns[r % run.returns.length] : null);

export async function executeReturnOp(run: Run, op: ReturnOp, label: string, n: number): Promise<void> {
  switch (op.t) {
    case "return": {
      const orderId = orderAt(run, op.i);
      if (!orderId) return;
      let line = await returnableLine(orderId);
      // Returns need shipped units, which a random run seldom gets to: pack and ship a shipment of the order first.
      if (!line) {
        await shipOne(run, label, orderId);
        line = await returnableLine(orderId);
      }
      if (!line) return;
      const lines = [{ order_line_id: line.order_line_id, quantity: Math.min(op.qty, line.returnable), reason: n % 3 ? "changed_mind" : "defective" }];
      const one = async () => {
        if (op.by === "staff") return send(`/v1/orders/${orderId}/returns`, { lines });
        const o = (await get(`/v1/orders/${orderId}`)).body as { number: number; email: string };
        return send("/v1/order-lookup/returns", { number: o.number, email: o.email, lines }, run.shared.pk);
      };
      const answers = await Promise.all(op.twice ? [one(), one()] : [one()]);
      for (const a of answers) if (answered(run, label, a) === 201) run.returns.push({ id: a.body.id, orderId });
      return;
    }
    case "decide": {
      const ret = returnAt(run, op.r);
      if (ret) answered(run, label, await send(`/v1/returns/${ret.id}/${op.action}`, op.action === "decline" ? { reason: "other" } : {}));
      return;
    }
    case "receive": {
      const ret = returnAt(run, op.r);
      if (!ret) return;
      const seen = (await get(`/v1/returns/${ret.id}`)).body as { status: string; lines: { id: string }[] } | null;
      const line = seen?.lines?.[0];
      if (!line) return;
      // A parcel arrives for a request staff had not looked at yet: they approve it first, as they would at the dock.
      if (seen.status === "requested") answered(run, label, await send(`/v1/returns/${ret.id}/approve`, {}));
      const body = { lines: [{ return_line_id: line.id, quantity: op.qty, disposition: op.disposition }] };
      // Twice: the same receive sent again at once, with one key (a retry) or with two (two people at the dock).
      const k = `chaos-recv-${run.id}-${n}`;
      const answers = await Promise.all(op.twice ? [send(`/v1/returns/${ret.id}/receive`, body, undefined, k), send(`/v1/returns/${ret.id}/receive`, body, undefined, n % 2 ? k : `${k}b`)] : [send(`/v1/returns/${ret.id}/receive`, body, undefined, k)]);
      for (const a of answers) answered(run, label, a);
      return;
    }
    case "inspect": {
      const ret = returnAt(run, op.r);
      if (!ret) return;
      const line = (await get(`/v1/returns/${ret.id}`)).body?.lines?.find((l: { inspecting: number }) => l.inspecting > 0) as { id: string; inspecting: number } | undefined;
      if (line) answered(run, label, await send(`/v1/returns/${ret.id}/inspection`, { lines: [{ return_line_id: line.id, quantity: line.inspecting, disposition: op.disposition }] }));
      return;
    }
    case "refund": {
      const ret = returnAt(run, op.r);
      if (!ret) return;
      const body = op.shipping ? { refund_shipping: true } : {};
      const k = `chaos-refund-${run.id}-${n}`;
      const answers = await Promise.all(op.twice ? [send(`/v1/returns/${ret.id}/process`, body, undefined, k), send(`/v1/returns/${ret.id}/process`, body, undefined, `${k}b`)] : [send(`/v1/returns/${ret.id}/process`, body, undefined, k)]);
      for (const a of answers) answered(run, label, a);
      return;
    }
    case "exchange": {
      const ret = returnAt(run, op.r);
      if (!ret) return;
      answered(run, label, await send(`/v1/returns/${ret.id}/exchange`, { items: [{ sku: run.skus[op.sku], quantity: op.qty }] }));
      // A shopper who owes the difference pays it (the merchant's server records it).
      const ex = (await get(`/v1/returns/${ret.id}/exchange`)).body as { state?: string; difference?: number } | null;
      if (op.pay && ex?.state === "awaiting_payment" && ex.difference)
        answered(run, label, await send(`/v1/returns/${ret.id}/exchange/payment`, { provider: "psp", reference: `pi_chaos_ex_${ret.id}`, amount: ex.difference }));
      return;
    }
    case "reverse": {
      const before = run.returns.length;
      await executeReturnOp(run, { t: "return", i: op.i, qty: op.qty, by: "staff", twice: op.twice }, label, n);
      if (run.returns.length === before) return;
      const r = before; // the index of the return just made
      await executeReturnOp(run, { t: "receive", r, qty: op.qty, disposition: op.disposition, twice: op.twice }, label, n);
      if (op.disposition === "inspect") await executeReturnOp(run, { t: "inspect", r, disposition: n % 2 ? "restock" : "damaged" }, label, n);
      await executeReturnOp(run, { t: "refund", r, twice: op.twice, shipping: op.shipping }, label, n);
      return;
    }
    case "goodwill": {
      const orderId = orderAt(run, op.i);
      if (orderId) answered(run, label, await send(`/v1/orders/${orderId}/refunds`, { kind: "goodwill", amount: op.amount, reason: "chaos" }));
      return;
    }
  }
}
